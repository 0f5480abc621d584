import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/officer.ts';
import { tokenHash } from '../../src/app/officers/accounts.ts';
import { createDb, type Db } from '../../src/infra/db/client.ts';
import { searchPlaces } from '../../src/domain/geo/index.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';

const LINK = /https?:\/\/\S+\/officer\/welcome\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;

describe('npm run officer', () => {
  const tmp = tempSqliteUrl();
  const env = { DATABASE_URL: tmp.url, SETU_DATA_KEY: TEST_DATA_KEY, PUBLIC_URL: 'https://setu.example.org' };
  let db: Db;

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(argv, env, (s) => (out += s), (s) => (err += s));
    return { code, out, err };
  }

  const kaunia = searchPlaces('kaunia', { levels: ['upazila'] })[0]?.place;
  const union = searchPlaces('kakina', { levels: ['union'] })[0]?.place;

  beforeAll(async () => {
    // The first run migrates the database.
    expect((await run('list')).code).toBe(0);
    db = await createDb(tmp.url);
  });
  afterAll(async () => {
    await db?.close();
    tmp.cleanup();
  });

  it('adds an upazila officer and prints a one-time sign-in link', async () => {
    expect(kaunia?.level).toBe('upazila');
    const r = await run('add', '--name', 'Rahima Khatun', '--username', 'rahima', '--role', 'upazila', '--area', kaunia?.code ?? '', '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('upazila');
    expect(r.out).toContain('Kaunia');
    expect(r.out).toContain('কাউনিয়া');
    expect(r.out).toContain('3 days');
    const m = LINK.exec(r.out);
    expect(m?.[0].startsWith('https://setu.example.org/officer/welcome/')).toBe(true);
    const token = m?.[1] ?? '';
    const officer = await db.prisma.officer.findUnique({ where: { username: 'rahima' } });
    expect(officer).toMatchObject({ name: 'Rahima Khatun', role: 'upazila', areaCode: kaunia?.code, passwordHash: null, language: 'en', disabledAt: null });
    expect(r.out).toContain(officer?.id ?? 'missing');
    const row = await db.prisma.officerToken.findUnique({ where: { tokenHash: tokenHash(token) } });
    expect(row).toMatchObject({ officerId: officer?.id, purpose: 'signin', usedAt: null });
  });

  it('refuses an area of the wrong level, with a clear message', async () => {
    expect(union?.level).toBe('union');
    const r = await run('add', '--name', 'Karim Uddin', '--username', 'karim', '--role', 'upazila', '--area', union?.code ?? '');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${union?.code} is a union`);
    expect(r.err).toContain('must be a upazila');
    expect(await db.prisma.officer.findUnique({ where: { username: 'karim' } })).toBeNull();
  });

  it('refuses a taken username, a bad role, and missing options', async () => {
    const taken = await run('add', '--name', 'Another Rahima', '--username', 'rahima', '--role', 'hq', '--area', 'BD');
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('rahima is taken');
    const badRole = await run('add', '--name', 'Someone', '--username', 'someone', '--role', 'boss', '--area', 'BD');
    expect(badRole.code).toBe(1);
    expect(badRole.err).toContain('not a role');
    const missing = await run('add', '--name', 'Someone', '--role', 'hq');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('--username');
    expect(missing.err).toContain('--area');
  });

  it('lists officers', async () => {
    const r = await run('list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/rahima\s+Rahima Khatun\s+upazila\s+up\d+ Kaunia/);
    expect(r.out).toContain('no password yet');
    expect(r.out).toContain('active');
  });

  it('issues a new sign-in link', async () => {
    const r = await run('link', 'rahima');
    expect(r.code).toBe(0);
    const token = LINK.exec(r.out)?.[1] ?? '';
    expect(token).toHaveLength(43);
    const officer = await db.prisma.officer.findUnique({ where: { username: 'rahima' } });
    expect(await db.prisma.officerToken.findUnique({ where: { tokenHash: tokenHash(token) } })).toMatchObject({ officerId: officer?.id, purpose: 'signin' });
    expect(await db.prisma.officerToken.count({ where: { officerId: officer?.id } })).toBe(2);
    const unknown = await run('link', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('nobody');
  });

  it('disables an officer', async () => {
    const r = await run('disable', 'rahima');
    expect(r.code).toBe(0);
    const officer = await db.prisma.officer.findUnique({ where: { username: 'rahima' } });
    expect(officer?.disabledAt).toBeInstanceOf(Date);
    expect((await run('list')).out).toContain('DISABLED');
    const link = await run('link', 'rahima');
    expect(link.code).toBe(1);
    expect(link.err).toContain('disabled');
  });

  it('finds area codes by name', async () => {
    const r = await run('areas', 'kaunia');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^${kaunia?.code}\\s+upazila\\s+Kaunia \\(কাউনিয়া\\).*Rangpur`, 'm'));
    expect(r.out.trim().split('\n').length).toBeLessThanOrEqual(8);
  });

  it('prints usage with an example', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('npm run officer -- add');
    expect(r.out).toContain('Example');
  });
});
