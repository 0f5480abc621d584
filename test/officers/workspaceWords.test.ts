import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../../src/domain/cases/lifecycle.ts';
import { URGENCY_REASONS } from '../../src/domain/cases/urgencyKeywords.ts';
import { OFFICER_ROLES } from '../../src/domain/officers/jurisdiction.ts';
import { createTranslator } from '../../src/infra/i18n/createTranslator.ts';
import { loadLocales } from '../../src/infra/i18n/loadLocales.ts';
import { join } from 'node:path';
import { ROOT } from '../support/engineHarness.ts';

/**
 * The workspace names states, roles, urgency reasons and timeline events by
 * key families (officer:state.<state>…); every member must exist in both
 * languages, or an officer would see an error instead of a page.
 */
const translator = createTranslator(loadLocales(join(ROOT, 'locales')));
const EVENT_TYPES = ['lodged', 'received', 'acknowledged', 'started', 'forwarded', 'resolved', 'rejected', 'escalated', 'appealed', 'linked', 'replied'];

describe('workspace words', () => {
  const families: Array<[string, readonly string[]]> = [
    ['officer:state', CASE_STATES],
    ['officer:role', OFFICER_ROLES],
    ['officer:urgency', URGENCY_REASONS],
    ['officer:case.event', EVENT_TYPES],
    ['officer:case.actor', ['citizen', 'officer', 'system']],
    ['officer:case.done', ['acknowledge', 'start', 'forward', 'resolve', 'reject', 'reply', 'assign']],
    ['officer:case.problem', ['not_allowed', 'note_required', 'changed_meanwhile', 'unknown_case', 'unreachable', 'unknown_colleague']],
    ['officer:welcome', ['mismatch', 'short', 'blank', 'one_character', 'username', 'common']],
  ];
  for (const [prefix, members] of families) {
    it(`${prefix}.* has every member in Bangla and English`, () => {
      for (const lang of ['bn', 'en'] as const) for (const m of members) expect(translator.has(`${prefix}.${m}`, lang), `${prefix}.${m} (${lang})`).toBe(true);
    });
  }
});
