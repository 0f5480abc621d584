import { describe, expect, it } from 'vitest';
import { backTo } from './safeRedirect.ts';

describe('backTo', () => {
  const host = 'setu.local:3000';
  it.each([
    ['http://setu.local:3000/officer/cases/482173908', '/officer/cases/482173908'],
    ['http://setu.local:3000/officer?state=all', '/officer?state=all'],
    ['http://SETU.local:3000/officer', '/officer'],
    ['http://x//evil.example/officer', '/officer'],
    ['http://setu.local:3000//evil.example/officer', '/officer'],
    ['http://setu.local:3000/\\evil.example/officer', '/officer'],
    ['http://setu.local:3000/officer/..//evil.example', '/officer'],
    ['http://user:pw@setu.local:3000/officer', '/officer'],
    ['ftp://setu.local:3000/officer', '/officer'],
    ['javascript:alert(1)//officer', '/officer'],
    ['http://[::1/officer', '/officer'],
    ['/officer/stats', '/officer'],
    ['', '/officer'],
  ])('%s → %s', (referer, expected) => {
    expect(backTo(referer, host)).toBe(expected);
  });
  it('without a Host header it never follows the Referer', () => {
    expect(backTo('http://setu.local:3000/officer/stats', undefined)).toBe('/officer');
  });
});
