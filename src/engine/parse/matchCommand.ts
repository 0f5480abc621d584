import { tokenise } from '../../text/normalise.ts';

/**
 * The commands that work anywhere in a conversation.
 *
 * @example const c: Command = 'back'; // "পিছনে", "pichone", "back"
 */
export type Command = 'menu' | 'help' | 'back' | 'restart' | 'cancel' | 'language';

const COMMANDS: Readonly<Record<Command, readonly string[]>> = {
  menu: ['menu', 'main menu', 'home', 'মেনু', 'মেনুতে', 'প্রধান মেনু', 'মূল মেনু', 'মেইন মেনু', 'mainmenu'],
  help: ['help', 'help me', 'সাহায্য', 'সাহায্য চাই', 'সহায়তা', 'সাহায্য করুন', 'sahajjo', 'shahajjo', 'sahajjo chai', 'help chai'],
  back: [
    'back', 'go back', 'previous', 'পিছনে', 'পেছনে', 'পিছে', 'আগের প্রশ্ন', 'আগের প্রশ্নে', 'ফিরে যাও', 'ফিরে যান',
    'pichone', 'pechone', 'pichhone', 'pichone jao', 'ager prosno', 'ager proshno',
  ],
  restart: [
    'restart', 'reset', 'start over', 'start again', 'begin again', 'আবার শুরু', 'আবার শুরু করুন', 'আবার শুরু করো', 'নতুন করে',
    'নতুন করে শুরু', 'প্রথম থেকে', 'শুরু থেকে', 'abar shuru', 'abar suru', 'abar start', 'notun kore',
  ],
  cancel: ['cancel', 'stop', 'quit', 'exit', 'বাতিল', 'বাতিল করুন', 'বাতিল করো', 'থামুন', 'থামো', 'থামাও', 'বন্ধ করুন', 'batil', 'thamun', 'thamo'],
  language: [
    'language', 'change language', 'ভাষা', 'ভাষা বদল', 'ভাষা বদলান', 'ভাষা বদলাও', 'ভাষা পরিবর্তন', 'ভাষা পরিবর্তন করুন',
    'bhasha', 'vasha', 'bhasha bodol', 'bhasa',
  ],
};

// Courtesy around a command does not make it a sentence: "menu please", "দয়া করে মেনু".
const COURTESY: ReadonlySet<string> = new Set(['please', 'plz', 'pls', 'প্লিজ', 'দয়া', 'করে', 'দেখান', 'দেখাও', 'দিন', 'দাও'].map((w) => w.normalize('NFC')));

const BY_TEXT: ReadonlyMap<string, Command> = new Map(
  (Object.entries(COMMANDS) as Array<[Command, readonly string[]]>).flatMap(([command, phrases]) =>
    phrases.map((p) => [tokenise(p).join(' '), command] as const),
  ),
);

/**
 * Recognises a global command ("মেনু", "/help", "পিছনে", "abar shuru",
 * "বাতিল", "ভাষা") in Bangla, English or Banglish, but only when it is the
 * whole message, so that a question that happens to contain "help" or
 * "ভাষা" is still read as a question. "/start" is not a command: channels
 * send it when a chat opens.
 *
 * @example matchCommand('/menu') // 'menu'
 * @example matchCommand('আবার শুরু করুন') // 'restart'
 * @example matchCommand('আমার মা কি বয়স্ক ভাতা পাবে?') // null
 */
export function matchCommand(text: string): Command | null {
  const tokens = tokenise(text);
  const exact = BY_TEXT.get(tokens.join(' '));
  if (exact !== undefined) return exact;
  const core = tokens.filter((t) => !COURTESY.has(t));
  if (core.length === 0 || core.length === tokens.length) return null;
  return BY_TEXT.get(core.join(' ')) ?? null;
}
