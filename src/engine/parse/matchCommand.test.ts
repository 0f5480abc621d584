import { describe, expect, it } from 'vitest';
import { matchCommand } from './matchCommand.ts';

describe('matchCommand', () => {
  it.each([
    ['menu', 'menu'],
    ['/menu', 'menu'],
    ['Main Menu', 'menu'],
    ['মেনু', 'menu'],
    ['প্রধান মেনু', 'menu'],
    ['মেনু দেখান', 'menu'],
    ['menu please', 'menu'],
    ['help', 'help'],
    ['/help', 'help'],
    ['HELP!', 'help'],
    ['help me', 'help'],
    ['সাহায্য', 'help'],
    ['সাহায্য চাই', 'help'],
    ['সহায়তা', 'help'],
    ['sahajjo', 'help'],
    ['shahajjo', 'help'],
    ['back', 'back'],
    ['পিছনে', 'back'],
    ['পেছনে', 'back'],
    ['আগের প্রশ্ন', 'back'],
    ['ফিরে যাও', 'back'],
    ['pichone', 'back'],
    ['pechone', 'back'],
    ['restart', 'restart'],
    ['reset', 'restart'],
    ['start over', 'restart'],
    ['আবার শুরু', 'restart'],
    ['আবার শুরু করুন', 'restart'],
    ['নতুন করে', 'restart'],
    ['abar shuru', 'restart'],
    ['cancel', 'cancel'],
    ['stop', 'cancel'],
    ['বাতিল', 'cancel'],
    ['বাতিল করুন।', 'cancel'],
    ['থামুন', 'cancel'],
    ['batil', 'cancel'],
    ['language', 'language'],
    ['/language', 'language'],
    ['ভাষা', 'language'],
    ['ভাষা বদল', 'language'],
    ['change language', 'language'],
    ['bhasha', 'language'],
  ] as const)('%j → %s', (text, command) => {
    expect(matchCommand(text)).toBe(command);
  });

  it.each([
    // Questions that contain a command word are questions.
    'আমার মা কি বয়স্ক ভাতা পাবে?',
    'help my mother get the allowance',
    'কোন ভাষায় লিখব?',
    'আমাকে সাহায্য করতে পারবেন ভাতার ব্যাপারে',
    'menu te ki ache',
    // Channels send /start when a chat opens; it is not "restart".
    '/start',
    'start',
    // A language by name is a language choice, not this command.
    'English',
    'বাংলা',
    // Courtesy alone, junk, nothing.
    'please',
    'asdfgh',
    '',
    '১',
  ])('%j → null', (text) => {
    expect(matchCommand(text)).toBeNull();
  });
});
