/**
 * Sets the Facebook Page's Messenger profile (Get Started button, greeting,
 * persistent menu, ice breakers) in Bangla and English through the Messenger
 * Profile API, and prints what it set. Run it again after changing the
 * strings in locales/{bn,en}/messenger.json.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGraphClient, GraphError, GraphUnreachable, type MessengerProfile } from '../src/channels/messenger/graph.ts';
import { buildProfile } from '../src/channels/messenger/profile.ts';
import { loadEnv } from '../src/config/env.ts';
import { createTranslator } from '../src/infra/i18n/createTranslator.ts';
import { loadLocales } from '../src/infra/i18n/loadLocales.ts';

const ROOT_DIR = fileURLToPath(new URL('..', import.meta.url));

const HELP = `npm run messenger:setup

Sets the Facebook Page's Messenger profile through the Messenger Profile API,
in Bangla (Messenger's default locale) and English (en_US):

  Get Started button   payload GET_STARTED
  greeting             shown before the first message (locales/*/messenger.json: greeting)
  persistent menu      eligibility → START:eligibility, grievance → START:grievance,
                       status → START:status, language → CMD:language
  ice breakers         three questions → START:eligibility, START:grievance, START:status

Each call replaces what the Page had for these fields; run it again after changing the strings.

Environment:
  FB_PAGE_ACCESS_TOKEN   required: the Page's access token (pages_messaging)
  FB_GRAPH_API_ROOT      default https://graph.facebook.com
  FB_GRAPH_API_VERSION   default v25.0`;

const LOCALE_NAMES: Record<string, string> = { default: 'default (Bangla)', en_US: 'en_US (English)' };

/** Where the script writes: process.stdout/stderr, or a collector in tests. */
export interface Output {
  write(text: string): unknown;
}

/** What to do about a Graph error, in words an operator can act on. */
function explain(err: GraphError): string {
  const said = `Graph error ${err.code}${err.subcode !== undefined ? `/${err.subcode}` : ''} (HTTP ${err.httpStatus}): ${err.message.replace(/^graph \S+ \(HTTP \d+\): /, '')}`;
  const hint =
    err.code === 190
      ? 'the Page access token was refused; create a new one (Meta app → Messenger → Settings → Access Tokens) and set FB_PAGE_ACCESS_TOKEN'
      : err.code === 10 || err.code === 200 || err.code === 230
        ? 'the token lacks a permission; it must be a Page token with pages_messaging, created by a person who manages the Page'
        : err.code === 4 || err.code === 32 || err.code === 613
          ? 'Graph is limiting calls; wait a few minutes and run this again'
          : err.code === 100
            ? 'Graph refused a field of the profile; see its message above'
            : err.code === 1 || err.code === 2
              ? 'Graph had a temporary problem; run this again in a while'
              : 'the profile was not set';
  return `messenger:setup: ${hint}\n  ${said}${err.fbtraceId ? `\n  fbtrace_id ${err.fbtraceId}` : ''}\n`;
}

/** The profile as an operator reads it. */
export function describeProfile(profile: MessengerProfile, version: string): string {
  const name = (locale: string): string => LOCALE_NAMES[locale] ?? locale;
  const lines = [`Messenger profile set on the Page (Graph ${version}):`, '', `Get Started button: payload ${profile.get_started?.payload ?? '(none)'}`, '', 'Greeting:'];
  for (const g of profile.greeting ?? []) lines.push(`  ${name(g.locale)}:`, `    ${g.text}`);
  lines.push('', 'Persistent menu:');
  for (const m of profile.persistent_menu ?? []) {
    lines.push(`  ${name(m.locale)}${m.composer_input_disabled ? ' (typing disabled)' : ''}:`);
    for (const b of m.call_to_actions) lines.push(`    ${b.title}  →  ${b.payload}`);
  }
  lines.push('', 'Ice breakers:');
  for (const i of profile.ice_breakers ?? []) {
    lines.push(`  ${name(i.locale)}:`);
    for (const q of i.call_to_actions) lines.push(`    ${q.question}  →  ${q.payload}`);
  }
  lines.push('', 'Messenger may take a few minutes to show the changes; reopen the conversation to see them.', '');
  return lines.join('\n');
}

/**
 * The script, callable in-process.
 * @returns the exit code: 0 when the profile was set, 1 otherwise.
 */
export async function main(argv: string[], source: Record<string, string | undefined>, out: Output, err: Output): Promise<number> {
  let help: boolean | undefined;
  try {
    ({ help } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } } }).values);
  } catch (e) {
    err.write(`messenger:setup: ${e instanceof Error ? e.message : String(e)}\n\n${HELP}\n`);
    return 1;
  }
  if (help) {
    out.write(`${HELP}\n`);
    return 0;
  }
  if (!source.FB_PAGE_ACCESS_TOKEN) {
    err.write('messenger:setup: FB_PAGE_ACCESS_TOKEN is not set. Set it to the Page\'s access token (Meta app → Messenger → Settings → Access Tokens) and run this again.\n');
    return 1;
  }
  let profile: MessengerProfile;
  let graph: ReturnType<typeof createGraphClient>;
  let version: string;
  let root: string;
  try {
    const env = loadEnv(source);
    version = env.FB_GRAPH_API_VERSION;
    root = env.FB_GRAPH_API_ROOT;
    graph = createGraphClient({ root, version, token: source.FB_PAGE_ACCESS_TOKEN });
    profile = buildProfile(createTranslator(loadLocales(join(ROOT_DIR, 'locales'))));
  } catch (e) {
    err.write(`messenger:setup: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  try {
    await graph.setProfile(profile);
  } catch (e) {
    if (e instanceof GraphError) {
      err.write(explain(e));
      return 1;
    }
    if (e instanceof GraphUnreachable) {
      err.write(`messenger:setup: could not reach Graph at ${root} (${e.message}); nothing was set. Check the network or FB_GRAPH_API_ROOT and run this again.\n`);
      return 1;
    }
    throw e;
  }
  out.write(describeProfile(profile, version));
  return 0;
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;

if (isEntry) {
  try {
    process.exitCode = await main(process.argv.slice(2), process.env, process.stdout, process.stderr);
  } catch (e) {
    process.stderr.write(`messenger:setup: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
