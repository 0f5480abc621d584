import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addOfficer, issueSignInLink, tokenHash } from '../../src/app/officers/accounts.ts';
import { searchPlaces } from '../../src/domain/geo/index.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { createOfficer, FormClient, lodgeFromTerminal, PASSWORD, signedIn } from '../support/workspace.ts';

/**
 * Officers' sign-in against an attacker: guesses sent at once, strangers
 * trying an officer's username, a shared proxy address, old sign-in links,
 * weak passwords, planted form cookies, open redirects and what the audit
 * log keeps. All over HTTP, on a clock the tests move.
 */

const MINUTE = 60_000;
const clock = new FixedClock();
const proxiedClock = new FixedClock();
let setu: Running;
let proxied: Running;
const dbs: Array<ReturnType<typeof tempSqliteUrl>> = [];
let otherArea: string;

beforeAll(async () => {
  const a = tempSqliteUrl();
  const b = tempSqliteUrl();
  dbs.push(a, b);
  setu = await start(loadEnv({ DATABASE_URL: a.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' }), createLogger('silent'), { clock });
  // Behind a reverse proxy on the same machine, served over HTTPS.
  proxied = await start(
    loadEnv({ DATABASE_URL: b.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent', TRUSTED_PROXY: 'loopback', PUBLIC_URL: 'https://setu.example.org' }),
    createLogger('silent'),
    { clock: proxiedClock },
  );
  otherArea = searchPlaces('kaunia', { levels: ['upazila'] })[0]?.place.code ?? '';
  for (const username of ['rahima', 'karim', 'salma', 'nasrin', 'jamal']) {
    await createOfficer(setu.app, { name: username, username, role: 'upazila', areaCode: otherArea, language: 'en' });
  }
  await createOfficer(proxied.app, { name: 'Proxied', username: 'proxied', role: 'upazila', areaCode: otherArea, language: 'en' });
});

afterAll(async () => {
  await setu?.stop();
  await proxied?.stop();
  for (const d of dbs) d.cleanup();
});

// Each test starts past every window of the one before.
beforeEach(() => {
  clock.advance(20 * MINUTE);
  proxiedClock.advance(20 * MINUTE);
});

const deps = () => ({ db: setu.app.db.prisma, writes: setu.app.db.writes, clock: setu.app.clock });

async function signInForm(base: string): Promise<{ client: FormClient; csrf: string }> {
  const client = new FormClient(base);
  return { client, csrf: FormClient.csrf((await client.get('/officer/signin')).text) };
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

describe('guesses sent at once', () => {
  it('40 simultaneous wrong passwords for one username: 5 are checked, 35 are refused unchecked, and then the right one waits too', async () => {
    const { client, csrf } = await signInForm(setu.url);
    const officer = await setu.app.db.prisma.officer.findUniqueOrThrow({ where: { username: 'rahima' } });
    const failedBefore = await setu.app.db.prisma.auditEntry.count({ where: { actor: officer.id, action: 'signin.failed' } });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => client.post('/officer/signin', { _csrf: csrf, username: 'rahima', password: `guess-number-${i}` })));
    expect(tally(burst.map((r) => r.status))).toEqual({ 401: 5, 429: 35 });
    // Only the checked ones are failures in the audit log: the refused ones never reached scrypt.
    expect(await setu.app.db.prisma.auditEntry.count({ where: { actor: officer.id, action: 'signin.failed' } })).toBe(failedBefore + 5);

    const right = await client.post('/officer/signin', { _csrf: csrf, username: 'rahima', password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toBe('5');
    expect(right.text).toContain('অনেকবার চেষ্টা হয়েছে। ৫ সেকেন্ড পরে আবার চেষ্টা করুন।');
  });

  it('40 simultaneous guesses with the real password among them: at most 5 reach the password check', async () => {
    const { client, csrf } = await signInForm(setu.url);
    const officer = await setu.app.db.prisma.officer.findUniqueOrThrow({ where: { username: 'salma' } });
    const since = (await setu.app.db.prisma.auditEntry.findFirst({ orderBy: { id: 'desc' } }))?.id ?? 0;
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => client.post('/officer/signin', { _csrf: csrf, username: 'salma', password: i === 20 ? PASSWORD : `guess-number-${i}` })),
    );
    const t = tally(burst.map((r) => r.status));
    // (Were the real password checked first, its success would rightly start the count afresh; it never is let through past the limit.)
    expect((t[401] ?? 0) + (t[303] ?? 0)).toBeLessThanOrEqual(5);
    expect(t[429]).toBeGreaterThanOrEqual(35);
    const checked = (await setu.app.db.prisma.auditEntry.findMany({ where: { actor: officer.id, id: { gt: since } } })).filter((e) => e.action === 'signin' || e.action === 'signin.failed');
    expect(checked.length).toBe((t[401] ?? 0) + (t[303] ?? 0));
  });
});

describe('a stranger cannot lock an officer out', () => {
  it('after five wrong tries the right password waits 5 s, then works; a success clears the count; later delays double', async () => {
    const { client, csrf } = await signInForm(setu.url);
    const post = (password: string) => client.post('/officer/signin?lang=en', { _csrf: csrf, username: 'karim', password });
    for (let i = 0; i < 5; i += 1) expect((await post(`stranger-${i}`)).status).toBe(401);
    const waiting = await post(PASSWORD);
    expect(waiting.status).toBe(429);
    expect(waiting.text).toContain('Too many attempts. Try again in 5 seconds.');
    clock.advance(5_000);
    expect((await post(PASSWORD)).status).toBe(303);
    // The success wiped the stranger's count: five wrong tries go through again at once.
    for (let i = 0; i < 5; i += 1) expect((await post(`stranger-again-${i}`)).status).toBe(401);
    expect((await post('stranger-6')).status).toBe(429);
    clock.advance(5_000);
    expect((await post('stranger-7')).status).toBe(401);
    const doubled = await post(PASSWORD);
    expect(doubled.status).toBe(429);
    expect(doubled.headers.get('retry-after')).toBe('10');
    clock.advance(10_000);
    expect((await post(PASSWORD)).status).toBe(303);
  });

  it('one address gets 20 failed tries in 15 minutes, over any usernames, even sent at once; X-Forwarded-For is not believed without TRUSTED_PROXY', async () => {
    const { client, csrf } = await signInForm(setu.url);
    const spray = await Promise.all(Array.from({ length: 25 }, (_, i) => client.post('/officer/signin', { _csrf: csrf, username: `spray-${i}`, password: 'a wrong password' })));
    expect(tally(spray.map((r) => r.status))).toEqual({ 401: 20, 429: 5 });
    const blocked = await client.post('/officer/signin', { _csrf: csrf, username: 'nasrin', password: PASSWORD }, { 'x-forwarded-for': '203.0.113.9' });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('এই নেটওয়ার্ক থেকে অনেকবার ভুল হয়েছে। ১৫ মিনিট পরে আবার চেষ্টা করুন।');
    clock.advance(15 * MINUTE);
    expect((await client.post('/officer/signin', { _csrf: csrf, username: 'nasrin', password: PASSWORD })).status).toBe(303);
  });

  it('behind a trusted proxy each client has its own limit, taken from the rightmost address the proxy did not write itself', async () => {
    const { client, csrf } = await signInForm(proxied.url);
    const from = (xff: string, username: string, password = 'a wrong password') => client.post('/officer/signin', { _csrf: csrf, username, password }, { 'x-forwarded-for': xff });
    expect(tally((await Promise.all(Array.from({ length: 20 }, (_, i) => from('198.51.100.1', `spray-${i}`)))).map((r) => r.status))).toEqual({ 401: 20 });
    expect((await from('198.51.100.1', 'spray-x')).status).toBe(429);
    // A client claiming another address in the header is still counted under the one the proxy saw.
    expect((await from('198.51.100.2, 198.51.100.1', 'spray-y')).status).toBe(429);
    // Another officer behind the same proxy is not affected.
    expect((await from('198.51.100.2', 'proxied', PASSWORD)).status).toBe(303);
  });
});

describe('one-time sign-in links', () => {
  it('a newer link spends the older one; a used link is spent; setting a password spends any other unused link', async () => {
    const added = await addOfficer(deps(), { name: 'Link Officer', username: 'linked', role: 'upazila', areaCode: otherArea, language: 'en' }, 'test');
    if (!added.ok) throw new Error(added.problem);
    const first = added.signInToken;
    const second = await issueSignInLink(deps(), added.officerId, 'test');
    const browser = new FormClient(setu.url);
    expect((await browser.get(`/officer/welcome/${first}`)).status).toBe(404);
    const page = await browser.get(`/officer/welcome/${second}`);
    expect(page.status).toBe(200);
    const csrf = FormClient.csrf(page.text);
    expect((await browser.post(`/officer/welcome/${first}`, { _csrf: csrf, password: 'first link takeover', again: 'first link takeover' })).status).toBe(400);

    // A link from before links were spent on issue (still unused in the database).
    const stale = 'stale-link-from-before-this-version-000000';
    await setu.app.db.prisma.officerToken.create({
      data: { tokenHash: tokenHash(stale), officerId: added.officerId, purpose: 'signin', expiresAt: new Date(clock.now().getTime() + 86_400_000), createdAt: clock.now() },
    });
    expect((await browser.post(`/officer/welcome/${second}`, { _csrf: csrf, password: 'river tea kettle', again: 'river tea kettle' })).status).toBe(303);
    expect((await browser.get(`/officer/welcome/${second}`)).status).toBe(404);
    expect((await browser.post(`/officer/welcome/${second}`, { _csrf: csrf, password: 'second use of link', again: 'second use of link' })).status).toBe(400);

    const officer = await signedInAs(setu.url, 'linked', 'river tea kettle');
    expect((await browser.get(`/officer/welcome/${stale}`)).status).toBe(404);
    expect((await browser.post(`/officer/welcome/${stale}`, { _csrf: csrf, password: 'stale link takeover', again: 'stale link takeover' })).status).toBe(400);
    // The password is the officer's, and their session lives on.
    expect((await officer.get('/officer')).status).toBe(200);
    expect((await signInForm(setu.url).then(({ client, csrf: t }) => client.post('/officer/signin', { _csrf: t, username: 'linked', password: 'stale link takeover' }))).status).toBe(401);
  });
});

async function signedInAs(base: string, username: string, password: string): Promise<FormClient> {
  const { client, csrf } = await signInForm(base);
  const res = await client.post('/officer/signin', { _csrf: csrf, username, password });
  expect(res.status).toBe(303);
  return client;
}

describe('password policy', () => {
  it.each([
    ['short', 'short', 'পাসওয়ার্ড খুব ছোট: কমপক্ষে ১০ অক্ষর।'],
    ['ten spaces', ' '.repeat(10), 'পাসওয়ার্ড শুধু ফাঁকা জায়গা হতে পারে না।'],
    ['one letter', 'aaaaaaaaaa', 'একই অক্ষর বারবার দিয়ে পাসওয়ার্ড হয় না।'],
    ['the username', 'policytest', 'পাসওয়ার্ড আপনার ইউজারনেম হতে পারে না।'],
    ['the username and digits', 'policytest2026', 'পাসওয়ার্ড আপনার ইউজারনেম হতে পারে না।'],
    ['a common one', 'password123', 'এটি খুব প্রচলিত একটি পাসওয়ার্ড'],
    ['a common one, dressed up', 'Bangladesh1971!', 'এটি খুব প্রচলিত একটি পাসওয়ার্ড'],
    ['a keyboard row', 'qwertyuiop', 'এটি খুব প্রচলিত একটি পাসওয়ার্ড'],
  ])('refuses %s on the sign-in link, in Bangla', async (_name, password, message) => {
    const added = await addOfficer(deps(), { name: 'Policy', username: `policytest`, role: 'hq', areaCode: 'BD' }, 'test').then(async (r) => {
      if (r.ok) return r;
      const o = await setu.app.db.prisma.officer.findUniqueOrThrow({ where: { username: 'policytest' } });
      return { ok: true as const, officerId: o.id, signInToken: await issueSignInLink(deps(), o.id, 'test') };
    });
    const browser = new FormClient(setu.url);
    const csrf = FormClient.csrf((await browser.get(`/officer/welcome/${added.signInToken}`)).text);
    const res = await browser.post(`/officer/welcome/${added.signInToken}`, { _csrf: csrf, password, again: password });
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect((await setu.app.db.prisma.officer.findUniqueOrThrow({ where: { username: 'policytest' } })).passwordHash).toBeNull();
  });
});

describe('changing one\'s own password', () => {
  it('needs the current password and a good new one, ends the other sessions, keeps this one, and is audited', async () => {
    const laptop = await signedIn(setu.url, 'jamal');
    const phone = await signedIn(setu.url, 'jamal');
    const page = await laptop.get('/officer/password');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Current password');
    const csrf = FormClient.csrf(page.text);
    expect((await laptop.post('/officer/password', { current: PASSWORD, password: 'new river tea kettle', again: 'new river tea kettle' })).status).toBe(403);
    const wrong = await laptop.post('/officer/password', { _csrf: csrf, current: 'not my password', password: 'new river tea kettle', again: 'new river tea kettle' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The current password is not right.');
    const weak = await laptop.post('/officer/password', { _csrf: csrf, current: PASSWORD, password: '          ', again: '          ' });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('A password cannot be only spaces.');

    const officer = await setu.app.db.prisma.officer.findUniqueOrThrow({ where: { username: 'jamal' } });
    const forgotten = await issueSignInLink(deps(), officer.id, 'test');
    const done = await laptop.post('/officer/password', { _csrf: csrf, current: PASSWORD, password: 'new river tea kettle', again: 'new river tea kettle' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/officer/password?done=1');
    expect((await laptop.get('/officer/password?done=1')).text).toContain('Your password is changed.');
    expect((await phone.get('/officer')).status).toBe(303);
    expect((await new FormClient(setu.url).get(`/officer/welcome/${forgotten}`)).status).toBe(404);
    const { client, csrf: t } = await signInForm(setu.url);
    expect((await client.post('/officer/signin', { _csrf: t, username: 'jamal', password: PASSWORD })).status).toBe(401);
    expect((await client.post('/officer/signin', { _csrf: t, username: 'jamal', password: 'new river tea kettle' })).status).toBe(303);
    expect(await setu.app.db.prisma.auditEntry.count({ where: { actor: officer.id, action: 'password.change' } })).toBe(1);
  });
});

describe('the form before sign-in', () => {
  it('refuses a cookie the server did not sign, even when the form echoes it (cookie tossing)', async () => {
    const tossed = 'A'.repeat(43);
    const res = await fetch(`${setu.url}/officer/signin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `setu_form=${tossed}` },
      body: new URLSearchParams({ _csrf: tossed, username: 'nasrin', password: PASSWORD }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('setu_officer='))).toBe(false);
  });

  it('refuses a token made for another form, and a post from another site', async () => {
    const browser = new FormClient(setu.url);
    const added = await addOfficer(deps(), { name: 'Form', username: 'formtest', role: 'hq', areaCode: 'BD' }, 'test');
    if (!added.ok) throw new Error(added.problem);
    const welcomeToken = FormClient.csrf((await browser.get(`/officer/welcome/${added.signInToken}`)).text);
    const signinToken = FormClient.csrf((await browser.get('/officer/signin')).text);
    expect(welcomeToken).not.toBe(signinToken);
    expect((await browser.post('/officer/signin', { _csrf: welcomeToken, username: 'nasrin', password: PASSWORD })).status).toBe(403);
    expect((await browser.post('/officer/signin', { _csrf: signinToken, username: 'nasrin', password: PASSWORD }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await browser.post('/officer/signin', { _csrf: signinToken, username: 'nasrin', password: PASSWORD }, { 'sec-fetch-site': 'same-origin' })).status).toBe(303);
  });

  it('over HTTPS the form cookie has the __Host- prefix, Secure and Path=/', async () => {
    const res = await fetch(`${proxied.url}/officer/signin`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-setu_form='));
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/Path=\/(;|$)/);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});

describe('after a language change', () => {
  let officer: FormClient;
  beforeAll(async () => {
    officer = await signedIn(setu.url, 'nasrin');
  });
  const host = () => new URL(setu.url).host;
  it.each([
    ['another host with a double slash', 'http://x//evil.example/officer', '/officer'],
    ['our host, a path starting //', `http://HOST//evil.example/officer`, '/officer'],
    ['a backslash', 'http://HOST/\\evil.example/officer', '/officer'],
    ['another host', 'https://evil.example/officer/stats', '/officer'],
    ['another scheme', 'javascript:alert(1)//officer', '/officer'],
    ['a page outside the workspace', 'http://HOST/officerx', '/officer'],
    ['a malformed referer', 'http://[::1/officer', '/officer'],
    ['our own page, with its filters', 'http://HOST/officer/stats?state=all', '/officer/stats?state=all'],
  ])('%s → %s', async (_name, referer, expected) => {
    const csrf = FormClient.csrf((await officer.get('/officer')).text);
    const res = await officer.post('/officer/language', { _csrf: csrf }, { referer: referer.replace('HOST', host()) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(expected);
  });
});

describe('the audit log', () => {
  it('keeps no trace of what was typed as an unknown username, and names a known officer only by id', async () => {
    const { client, csrf } = await signInForm(setu.url);
    expect((await client.post('/officer/signin', { _csrf: csrf, username: 'MySecretPass99', password: 'whatever goes' })).status).toBe(401);
    const unknown = await setu.app.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'signin.failed' }, orderBy: { id: 'desc' } });
    expect(unknown).toMatchObject({ actor: 'unknown', detail: '{"unknownUser":true}' });
    const everything = JSON.stringify(await setu.app.db.prisma.auditEntry.findMany()) + JSON.stringify(await setu.app.db.prisma.signInThrottle.findMany());
    expect(everything.toLowerCase()).not.toContain('mysecretpass99');

    expect((await client.post('/officer/signin', { _csrf: csrf, username: 'nasrin', password: 'not her password' })).status).toBe(401);
    const known = await setu.app.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'signin.failed' }, orderBy: { id: 'desc' } });
    const nasrin = await setu.app.db.prisma.officer.findUniqueOrThrow({ where: { username: 'nasrin' } });
    expect(known).toMatchObject({ actor: nasrin.id, detail: '{}' });
  });

  it('records an officer asking for a case outside their area (page, action, attachment) as case.denied', async () => {
    const number = await lodgeFromTerminal(setu.app, 'probe-citizen', 'bn', 'আমার নাম তালিকায় নেই, ঘুষ চেয়েছে।');
    const kase = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
    const outsider = await signedIn(setu.url, 'nasrin');
    const me = await setu.app.db.prisma.officer.findUniqueOrThrow({ where: { username: 'nasrin' } });
    expect((await outsider.get(`/officer/cases/${number}`)).status).toBe(404);
    const csrf = FormClient.csrf((await outsider.get('/officer')).text);
    expect((await outsider.post(`/officer/cases/${number}/act`, { _csrf: csrf, action: 'acknowledge' })).status).toBe(404);
    expect((await outsider.get(`/officer/cases/${number}/attachments/1`)).status).toBe(404);
    const denied = await setu.app.db.prisma.auditEntry.findMany({ where: { actor: me.id, action: 'case.denied' } });
    expect(denied).toHaveLength(3);
    for (const d of denied) expect(d).toMatchObject({ caseId: kase.id, detail: JSON.stringify({ asked: number }) });
    // A number that is no case at all is audited too, without a case.
    expect((await outsider.get('/officer/cases/not-a-number')).status).toBe(404);
    const last = await setu.app.db.prisma.auditEntry.findFirstOrThrow({ where: { actor: me.id, action: 'case.denied' }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ caseId: null, detail: '{"malformed":true}' });
  });
});
