import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl, PROJECT_ROOT } from '../../src/infra/db/url.ts';

describe('DATABASE_URL', () => {
  it('takes a relative SQLite path from the project root, not from the shell', () => {
    expect(parseDatabaseUrl('file:data/setu.db')).toEqual({ provider: 'sqlite', file: join(PROJECT_ROOT, 'data', 'setu.db') });
    expect(parseDatabaseUrl('file:./data/x.db', '/srv/setu')).toEqual({ provider: 'sqlite', file: '/srv/setu/data/x.db' });
  });

  it('keeps an absolute SQLite path', () => {
    expect(parseDatabaseUrl('file:/var/lib/setu/setu.db')).toEqual({ provider: 'sqlite', file: '/var/lib/setu/setu.db' });
  });

  it('passes a PostgreSQL URL through, in either spelling', () => {
    const url = 'postgresql://postgres@127.0.0.1:5432/setu';
    expect(parseDatabaseUrl(url)).toEqual({ provider: 'postgresql', url });
    expect(parseDatabaseUrl('postgres://u:p@db/setu')).toEqual({ provider: 'postgresql', url: 'postgres://u:p@db/setu' });
  });

  it('names the problem with anything else', () => {
    expect(() => parseDatabaseUrl('mysql://root@localhost/setu')).toThrow(/DATABASE_URL is not usable/);
    expect(() => parseDatabaseUrl('file:')).toThrow(/file:data\/setu.db/);
    expect(() => parseDatabaseUrl('')).toThrow(/DATABASE_URL/);
    expect(() => parseDatabaseUrl('postgresql://secret:pw@127.0.0.1:5432')).toThrow(/names its host and database/);
    expect(() => parseDatabaseUrl('postgresql://secret:pw@127.0.0.1:5432')).not.toThrow(/pw/);
  });
});
