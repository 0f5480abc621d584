import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { holdClaims, orphanedClaims } from '../../src/infra/delivery/claims.ts';
import { joinableCount, joinMessages } from '../../src/infra/delivery/joinMessages.ts';
import type { RenderedMessage } from '../../src/infra/i18n/createTranslator.ts';

const msg = (key: string, text: string, buttons = 0): RenderedMessage => ({
  key,
  lang: 'bn',
  text,
  choices: Array.from({ length: buttons }, (_, i) => ({ id: `c${i}`, label: `বিকল্প ${i}` })),
});

describe('joining a contact’s waiting messages', () => {
  it('joins plain messages up to the first with buttons, which closes the message with its buttons', () => {
    const waiting = [msg('a', 'স্বাগতম'), msg('b', 'ভাষা বাছুন', 2), msg('c', 'পরের প্রশ্ন', 2)];
    expect(joinableCount(waiting, 4096)).toBe(2);
    const one = joinMessages(waiting.slice(0, 2));
    expect(one.text).toBe('স্বাগতম\n\nভাষা বাছুন');
    expect(one.choices.map((c) => c.id)).toEqual(['c0', 'c1']);
    expect(one.joined).toEqual(['a', 'b']);
  });

  it('never joins past a message with buttons, and keeps within the platform’s length', () => {
    expect(joinableCount([msg('q', 'প্রশ্ন', 3), msg('r', 'উত্তর')], 4096)).toBe(1);
    const long = [msg('a', 'ক'.repeat(1500)), msg('b', 'খ'.repeat(1500)), msg('c', 'গ')];
    expect(joinableCount(long, 2000)).toBe(1);
    expect(joinableCount(long, 4096)).toBe(3);
    // One message alone goes even when it is longer than the limit (the sender splits it).
    expect(joinableCount([msg('x', 'ঘ'.repeat(5000))], 2000)).toBe(1);
  });
});

describe('claims left by a process that is gone', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;

  it('takes back at once the claims of a dead process of this host, not those of a live one or of another host', () => {
    const mine = `${hostname()}:${process.pid}:self`;
    const release = holdClaims(mine);
    const liveOther = `${hostname()}:${process.ppid}:x`;
    const claims = [
      { id: 1, claimedBy: `${hostname()}:${deadPid}:dead`, claimedAt: now },
      { id: 2, claimedBy: liveOther, claimedAt: now },
      { id: 3, claimedBy: `elsewhere:${deadPid}:far`, claimedAt: now },
      { id: 4, claimedBy: mine, claimedAt: now },
      // This pid, but no worker of this process holds it: a process before this one (a container's pid 1 again).
      { id: 5, claimedBy: `${hostname()}:${process.pid}:before`, claimedAt: now },
    ];
    expect(orphanedClaims(claims, { holder: mine, now, staleMs: 300_000 })).toEqual([1, 5]);
    // Much later, even the claims whose process cannot be checked from here are taken back.
    expect(orphanedClaims(claims, { holder: mine, now: new Date(now.getTime() + 300_000), staleMs: 300_000 })).toEqual([1, 2, 3, 5]);
    release();
  });

  it('takes back the claims of a process elsewhere once its heartbeat stopped, and not while it beats', () => {
    const mine = `${hostname()}:${process.pid}:self`;
    const far = `elsewhere:${deadPid}:far`;
    const claims = [{ id: 7, claimedBy: far, claimedAt: now }];
    const beating = new Map([[far, new Date(now.getTime() - 10_000)]]);
    expect(orphanedClaims(claims, { holder: mine, now, staleMs: 300_000, beats: beating, beatLostMs: 45_000 })).toEqual([]);
    const stopped = new Map([[far, new Date(now.getTime() - 60_000)]]);
    expect(orphanedClaims(claims, { holder: mine, now, staleMs: 300_000, beats: stopped, beatLostMs: 45_000 })).toEqual([7]);
    // A process that beats keeps an old claim (a slow send): its heartbeat says it lives.
    const later = new Date(now.getTime() + 600_000);
    expect(orphanedClaims(claims, { holder: mine, now: later, staleMs: 300_000, beats: new Map([[far, later]]), beatLostMs: 45_000 })).toEqual([]);
  });
});

