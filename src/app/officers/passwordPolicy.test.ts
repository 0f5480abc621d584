import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './commonPasswords.data.ts';
import { newPasswordProblem, passwordProblem } from './passwordPolicy.ts';

describe('passwordProblem', () => {
  it.each([
    ['short', 'short'],
    [' '.repeat(10), 'blank'],
    ['\t\n    \t\n  ', 'blank'],
    ['aaaaaaaaaa', 'one_character'],
    ['১১১১১১১১১১', 'one_character'],
    ['rahimakhatun', 'username'],
    ['RahimaKhatun2026!', 'username'],
    ['1234567890', 'common'],
    ['Password123!', 'common'],
    ['Bangladesh1971', 'common'],
    ['q w e r t y u i o p', 'common'],
    ['joybangla71', 'common'],
  ])('%j → %s', (password, problem) => {
    expect(passwordProblem(password, 'rahimakhatun')).toBe(problem);
  });

  it.each(['correct horse battery', 'নদী চা কেটলি বাতাস', 'mango-river-7-kettle'])('accepts %j', (password) => {
    expect(passwordProblem(password, 'rahimakhatun')).toBeNull();
  });

  it('counts characters, not bytes: ten Bangla letters are long enough', () => {
    expect(passwordProblem('আমারসোনারবাংলা', 'x')).toBeNull();
  });

  it('checks that the two match first', () => {
    expect(newPasswordProblem('correct horse battery', 'correct horse batterY', 'x')).toBe('mismatch');
  });

  it('holds a few hundred well-known passwords, lower case, without repeats', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(300);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });
});
