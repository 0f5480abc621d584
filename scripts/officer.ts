/**
 * Admins manage DSS officer accounts from the command line: add an officer
 * (who sets a password through a one-time link), list them, issue a new link
 * for a forgotten password, disable an account, and find an area's code.
 */
import { parseArgs } from 'node:util';
import { createApp } from '../src/app/createApp.ts';
import { areaName } from '../src/app/officers/areaName.ts';
import { audit } from '../src/app/officers/audit.ts';
import type { Translator } from '../src/infra/i18n/createTranslator.ts';
import { addOfficer, isRole, issueSignInLink } from '../src/app/officers/accounts.ts';
import { loadEnv, type Env } from '../src/config/env.ts';
import { pathOf, searchPlaces } from '../src/domain/geo/index.ts';
import { COUNTRY, OFFICER_ROLES, type OfficerRole } from '../src/domain/officers/jurisdiction.ts';
import { createLogger } from '../src/infra/log/logger.ts';

const HELP = `npm run officer -- <command> [options]

  add --name "…" --username <u> --role <role> --area <code> [--lang bn|en]
                               create an officer; prints a one-time sign-in link
                               (valid once, within 3 days) on which they set a password
                                 role: ${OFFICER_ROLES.join(' | ')}
                                 area: a union code for union officers, an upazila code
                                       for upazila officers, a district code for district
                                       officers, ${COUNTRY} (the whole country) for hq and admin
  list                         every officer: username, name, role, area, password set, disabled
  link <username>              a new one-time sign-in link (a forgotten password)
  disable <username>           the officer can no longer sign in; their sessions stop working
  areas <name>                 find an area's code by name (Bangla, English or Banglish)

Example:
  npm run officer -- areas kaunia            (Kaunia upazila is up446)
  npm run officer -- add --name "Rahima Khatun" --username rahima --role upazila --area up446

Uses DATABASE_URL like npm start (default file:data/setu.db). Links start with PUBLIC_URL,
else http://HOST:PORT.`;

const ACTOR = 'cli';

type Out = (s: string) => void;

function areaNames(translator: Pick<Translator, 't'>, code: string): { en: string; bn: string } {
  return { en: areaName(translator, code, 'en'), bn: areaName(translator, code, 'bn') };
}

function linkBase(env: Env): string {
  return (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, '');
}

function signInLink(env: Env, token: string): string {
  return `${linkBase(env)}/officer/welcome/${token}`;
}

function areas(query: string, out: Out, err: Out): number {
  if (query.trim() === '') {
    err('give a place name: npm run officer -- areas <name>\n');
    return 1;
  }
  const found = searchPlaces(query, { limit: 8 }).slice(0, 8);
  if (found.length === 0) {
    err(`no place matches "${query}"\n`);
    return 1;
  }
  for (const { place } of found) {
    const parents = pathOf(place.code)
      .slice(0, -1)
      .reverse()
      .map((p) => `${p.level} ${p.nameEn} (${p.nameBn})`)
      .join(', ');
    out(`${place.code.padEnd(10)} ${place.level.padEnd(9)} ${place.nameEn} (${place.nameBn})${parents ? ` — in ${parents}` : ''}\n`);
  }
  return 0;
}

export async function main(argv: string[], source: Record<string, string | undefined>, out: Out, err: Out): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [command, arg] = positionals;
  if (values.help || command === undefined) {
    out(`${HELP}\n`);
    return command === undefined && !values.help ? 1 : 0;
  }
  if (command === 'areas') return areas(positionals.slice(1).join(' '), out, err);
  if (!['add', 'list', 'link', 'disable'].includes(command)) {
    err(`unknown command ${command}\n\n${HELP}\n`);
    return 1;
  }

  // Problems the database need not be opened for.
  let role: OfficerRole | undefined;
  if (command === 'add') {
    const missing = (['name', 'username', 'role', 'area'] as const).filter((k) => values[k] === undefined || values[k].trim() === '');
    if (missing.length > 0) {
      err(`add needs ${missing.map((k) => `--${k}`).join(', ')}\n\n${HELP}\n`);
      return 1;
    }
    const given = (values.role ?? '').trim().toLowerCase();
    if (!isRole(given)) {
      err(`"${values.role ?? ''}" is not a role; use one of ${OFFICER_ROLES.join(', ')}\n`);
      return 1;
    }
    role = given;
    if (values.lang !== undefined && values.lang !== 'bn' && values.lang !== 'en') {
      err(`--lang is bn or en, not "${values.lang}"\n`);
      return 1;
    }
  }
  if ((command === 'link' || command === 'disable') && (arg === undefined || arg.trim() === '')) {
    err(`give the username: npm run officer -- ${command} <username>\n`);
    return 1;
  }

  let env: Env;
  try {
    env = loadEnv(source);
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const app = await createApp({ env, log: createLogger('warn'), senders: new Map() });
  const deps = { db: app.db.prisma, writes: app.db.writes, clock: app.clock };
  try {
    if (command === 'add' && role !== undefined) {
      const areaCode = (values.area ?? '').trim();
      const result = await addOfficer(
        deps,
        { name: values.name ?? '', username: values.username ?? '', role, areaCode, ...(values.lang === 'en' || values.lang === 'bn' ? { language: values.lang } : {}) },
        ACTOR,
      );
      if (!result.ok) {
        err(`not added: ${result.problem}\n`);
        return 1;
      }
      const names = areaNames(app.translator, areaCode);
      out(
        [
          `Added officer ${result.officerId}`,
          `  role: ${role}`,
          `  area: ${areaCode} ${names.en} (${names.bn})`,
          '',
          'Give the officer this sign-in link; on it they set their password.',
          'It works once, within 3 days:',
          `  ${signInLink(env, result.signInToken)}`,
          '',
        ].join('\n'),
      );
      return 0;
    }
    if (command === 'list') {
      const officers = await app.db.prisma.officer.findMany({ orderBy: { username: 'asc' } });
      if (officers.length === 0) {
        out('no officers yet\n');
        return 0;
      }
      for (const o of officers) {
        const area = `${o.areaCode} ${areaNames(app.translator, o.areaCode).en}`;
        const password = o.passwordHash ? 'password set' : 'no password yet';
        const state = o.disabledAt ? `DISABLED ${o.disabledAt.toISOString().slice(0, 10)}` : 'active';
        out(`${o.username.padEnd(16)} ${o.name.padEnd(24)} ${o.role.padEnd(8)} ${area.padEnd(28)} ${password.padEnd(15)} ${state}\n`);
      }
      return 0;
    }
    const username = (arg ?? '').trim().toLowerCase();
    const officer = await app.db.prisma.officer.findUnique({ where: { username } });
    if (!officer) {
      err(`no officer has the username ${username}\n`);
      return 1;
    }
    if (command === 'link') {
      if (officer.disabledAt) {
        err(`${username} is disabled; a sign-in link would not work\n`);
        return 1;
      }
      const token = await issueSignInLink(deps, officer.id, ACTOR);
      out(`A new sign-in link for ${username} (${officer.name}); on it they set a new password.\nIt works once, within 3 days:\n  ${signInLink(env, token)}\n`);
      return 0;
    }
    // disable
    if (officer.disabledAt) {
      out(`${username} was already disabled on ${officer.disabledAt.toISOString().slice(0, 10)}\n`);
      return 0;
    }
    const now = app.clock.now();
    await app.db.writes.run(() =>
      app.db.prisma.$transaction(async (tx) => {
        await tx.officer.update({ where: { id: officer.id }, data: { disabledAt: now } });
        await tx.officerSession.deleteMany({ where: { officerId: officer.id } });
        await audit(tx, { at: now, actor: 'cli', action: 'officer.disable', detail: { officer: officer.id } });
      }),
    );
    out(`${username} (${officer.name}) is disabled: they can no longer sign in, and their sessions have stopped working\n`);
    return 0;
  } finally {
    await app.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      area: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;

if (isEntry) {
  process.exitCode = await main(
    process.argv.slice(2),
    process.env,
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  );
}
