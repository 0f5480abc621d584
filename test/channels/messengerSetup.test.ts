import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../scripts/messengerSetup.ts';
import { GET_STARTED } from '../../src/channels/messenger/events.ts';
import { buildProfile, PROFILE_LIMITS } from '../../src/channels/messenger/profile.ts';
import { createTranslator, type Translator } from '../../src/infra/i18n/createTranslator.ts';
import { loadLocales } from '../../src/infra/i18n/loadLocales.ts';
import { GRAPH_ERRORS, startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';

/**
 * npm run messenger:setup, in-process, against a local stand-in for the
 * Messenger Profile API.
 */

const TOKEN = 'PAGE_TOKEN_setup';
const locales = loadLocales(fileURLToPath(new URL('../../locales', import.meta.url)));
const translator = createTranslator(locales);
const bn = (key: string): string => translator.t(key, 'bn');
const en = (key: string): string => translator.t(key, 'en');

const MENU = [
  { key: 'eligibility', payload: 'START:eligibility' },
  { key: 'grievance', payload: 'START:grievance' },
  { key: 'status', payload: 'START:status' },
  { key: 'language', payload: 'CMD:language' },
];
const ICE = MENU.slice(0, 3);

function collector(): { write(text: string): boolean; text(): string } {
  const chunks: string[] = [];
  return { write: (t) => chunks.push(t) > 0, text: () => chunks.join('') };
}

async function run(argv: string[], env: Record<string, string | undefined>): Promise<{ code: number; out: string; err: string }> {
  const out = collector();
  const err = collector();
  const code = await main(argv, env, out, err);
  return { code, out: out.text(), err: err.text() };
}

let graph: FakeGraph;

beforeAll(async () => {
  graph = await startFakeGraph(TOKEN);
});

afterAll(async () => {
  await graph.close();
});

beforeEach(() => {
  graph.calls.length = 0;
});

describe('npm run messenger:setup', () => {
  it('sets the profile in one call and prints what it set', async () => {
    const { code, out, err } = await run([], { FB_PAGE_ACCESS_TOKEN: TOKEN, FB_GRAPH_API_ROOT: graph.root });
    expect(err).toBe('');
    expect(code).toBe(0);

    expect(graph.calls).toHaveLength(1);
    const call = graph.calls[0];
    expect(call).toMatchObject({ method: 'POST', path: '/me/messenger_profile', version: 'v25.0' });
    expect(call?.query.access_token).toBe(TOKEN);

    const body = call?.body ?? {};
    expect(body.get_started).toEqual({ payload: GET_STARTED });
    expect(body.greeting).toEqual([
      { locale: 'default', text: bn('messenger:greeting') },
      { locale: 'en_US', text: en('messenger:greeting') },
    ]);
    // Bangla is the default locale.
    expect(bn('messenger:greeting')).toMatch(/[\u0980-\u09FF]/);
    expect(body.persistent_menu).toEqual(
      (['bn', 'en'] as const).map((lang) => ({
        locale: lang === 'bn' ? 'default' : 'en_US',
        composer_input_disabled: false,
        call_to_actions: MENU.map((m) => ({ type: 'postback', title: translator.t(`messenger:menu.${m.key}`, lang), payload: m.payload })),
      })),
    );
    expect(body.ice_breakers).toEqual(
      (['bn', 'en'] as const).map((lang) => ({
        locale: lang === 'bn' ? 'default' : 'en_US',
        call_to_actions: ICE.map((m) => ({ question: translator.t(`messenger:ice_breakers.${m.key}`, lang), payload: m.payload })),
      })),
    );
    expect(graph.profile).toEqual(body);

    expect(out).toContain(GET_STARTED);
    expect(out).toContain(bn('messenger:greeting'));
    expect(out).toContain(en('messenger:greeting'));
    for (const m of MENU) {
      expect(out).toContain(m.payload);
      expect(out).toContain(bn(`messenger:menu.${m.key}`));
      expect(out).toContain(en(`messenger:menu.${m.key}`));
    }
    for (const m of ICE) expect(out).toContain(en(`messenger:ice_breakers.${m.key}`));
  });

  it('honours FB_GRAPH_API_VERSION', async () => {
    const { code } = await run([], { FB_PAGE_ACCESS_TOKEN: TOKEN, FB_GRAPH_API_ROOT: graph.root, FB_GRAPH_API_VERSION: 'v24.0' });
    expect(code).toBe(0);
    expect(graph.calls[0]?.version).toBe('v24.0');
  });

  it('says the token was refused when Graph answers code 190, and exits 1', async () => {
    graph.script('/me/messenger_profile', GRAPH_ERRORS.invalidToken);
    const { code, out, err } = await run([], { FB_PAGE_ACCESS_TOKEN: TOKEN, FB_GRAPH_API_ROOT: graph.root });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('190');
    expect(err).toContain('access token was refused');
    expect(err).toContain(GRAPH_ERRORS.invalidToken.error.message);
  });

  it('names FB_PAGE_ACCESS_TOKEN when it is missing, and exits 1 without calling Graph', async () => {
    const { code, out, err } = await run([], { FB_GRAPH_API_ROOT: graph.root });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('FB_PAGE_ACCESS_TOKEN');
    expect(graph.calls).toHaveLength(0);
  });

  it('says when Graph cannot be reached, and exits 1', async () => {
    graph.script('/me/messenger_profile', { hangUp: true });
    const { code, err } = await run([], { FB_PAGE_ACCESS_TOKEN: TOKEN, FB_GRAPH_API_ROOT: graph.root });
    expect(code).toBe(1);
    expect(err).toContain('could not reach Graph');
  });

  it('--help prints what it sets and which settings it needs', async () => {
    const { code, out } = await run(['--help'], {});
    expect(code).toBe(0);
    for (const s of ['GET_STARTED', 'START:eligibility', 'CMD:language', 'FB_PAGE_ACCESS_TOKEN', 'FB_GRAPH_API_ROOT', 'FB_GRAPH_API_VERSION']) expect(out).toContain(s);
    expect(graph.calls).toHaveLength(0);
  });
});

describe('buildProfile', () => {
  it('fits every greeting, menu title and ice breaker within Messenger\'s limits in both languages', () => {
    // buildProfile throws on a string that is too long; the checks below say which.
    const profile = buildProfile(translator);
    for (const lang of ['bn', 'en'] as const) {
      expect(translator.t('messenger:greeting', lang).length, `messenger:greeting (${lang})`).toBeLessThanOrEqual(PROFILE_LIMITS.greeting);
      for (const m of MENU) {
        expect(translator.t(`messenger:menu.${m.key}`, lang).length, `messenger:menu.${m.key} (${lang})`).toBeLessThanOrEqual(PROFILE_LIMITS.menuTitle);
      }
      for (const m of ICE) {
        const key = `messenger:ice_breakers.${m.key}`;
        expect(translator.t(key, lang).length, `${key} (${lang})`).toBeLessThanOrEqual(PROFILE_LIMITS.iceBreaker);
      }
    }
    expect(PROFILE_LIMITS).toEqual({ greeting: 160, menuTitle: 30, iceBreaker: 80 });
    expect(profile.greeting?.map((g) => g.locale)).toEqual(['default', 'en_US']);
  });

  it('refuses a locale string longer than Messenger allows', () => {
    const tooLong = (key: string, limit: number): Translator => ({
      ...translator,
      t: (k, lang, params) => (k === key && lang === 'en' ? 'x'.repeat(limit + 1) : translator.t(k, lang, params)),
    });
    expect(() => buildProfile(tooLong('messenger:greeting', 160))).toThrow(/messenger:greeting \(en\).*160/);
    expect(() => buildProfile(tooLong('messenger:menu.grievance', 30))).toThrow(/messenger:menu.grievance \(en\).*30/);
    expect(() => buildProfile(tooLong('messenger:ice_breakers.status', 80))).toThrow(/messenger:ice_breakers.status \(en\).*80/);
  });
});
