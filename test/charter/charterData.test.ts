import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { charterFor } from '../../src/domain/charter/charter.ts';
import { charterOffice, officeAbove, OFFICE_TIERS } from '../../src/domain/charter/office.ts';
import { readOfficeDetails } from '../../src/domain/charter/officeDetails.ts';
import { parseOfficePhone, showOfficePhone } from '../../src/domain/charter/officePhone.ts';
import { DEFAULT_DEADLINE_DAYS, parseDeadlineDays } from '../../src/domain/cases/routing.ts';
import { allPlaces, childrenOf, isCityCorporation, searchPlaces } from '../../src/domain/geo/index.ts';
import { catalogue } from '../../src/domain/programmes/index.ts';
import { createTranslator } from '../../src/infra/i18n/createTranslator.ts';
import { loadLocales } from '../../src/infra/i18n/loadLocales.ts';
import { ROOT } from '../support/engineHarness.ts';

/** The charter's parts that need no server: the office of a code, its charter's keys, an office's phone and details. */

const translator = createTranslator(loadLocales(join(ROOT, 'locales')));
const tungipara = searchPlaces('tungipara', { levels: ['upazila'] })[0]?.place;

describe('an office phone', () => {
  it.each([
    ['০১৭১২-৩৪৫৬৭৮', '+8801712345678'],
    ['01712 345678', '+8801712345678'],
    ['+880 1712-345678', '+8801712345678'],
    ['02-9514567', '+88029514567'],
    ['০২-৯৫১৪৫৬৭', '+88029514567'],
    ['+880 2 9514567', '+88029514567'],
    ['880-2-9514567', '+88029514567'],
    ['0088 0431 217345', '+880431217345'],
    ['(০৪৩১) ২১৭৩৪৫', '+880431217345'],
    ['09678-123456', '+8809678123456'],
  ])('%s is %s', (typed, stored) => {
    expect(parseOfficePhone(typed)).toEqual({ ok: true, stored });
  });

  it.each(['12345', '01212345678', '0171234567', '017123456789', 'call 01712345678', '01712345678 01812345678', '+44 20 7946 0958', '029', '04312173', 'abc', '০১৭১২-৩৪৫৬৭৮ ext 2'])('%s is refused', (typed) => {
    expect(parseOfficePhone(typed)).toEqual({ ok: false });
  });

  it('shows as people dial it, in the reader\'s digits', () => {
    expect(showOfficePhone('+8801712345678', 'bn')).toBe('০১৭১২-৩৪৫৬৭৮');
    expect(showOfficePhone('+8801712345678', 'en')).toBe('01712-345678');
    expect(showOfficePhone('+88029514567', 'en')).toBe('029514567');
  });
});

describe('an office\'s details from the form', () => {
  it('are tidied: spaces and line breaks collapsed, empty fields not given', () => {
    expect(readOfficeDetails({ address: '  উপজেলা পরিষদ\r\n  কমপ্লেক্স ', hours: '   ', phone: '' })).toEqual({ ok: true, details: { address: 'উপজেলা পরিষদ কমপ্লেক্স', hours: null, phone: null } });
  });

  it('refuse every field that is wrong, each once', () => {
    expect(readOfficeDetails({ address: 'a'.repeat(301), hours: 'b'.repeat(121), phone: '123' })).toEqual({
      ok: false,
      problems: [
        { field: 'address', reason: 'too_long' },
        { field: 'hours', reason: 'too_long' },
        { field: 'phone', reason: 'not_a_phone' },
      ],
    });
    expect(readOfficeDetails({ address: 'a'.repeat(300), hours: 'b'.repeat(120), phone: '01712345678' }).ok).toBe(true);
  });
});

describe('the charter of an office', () => {
  it('exists for unions, upazilas and districts only', () => {
    expect(charterOffice(tungipara?.code ?? '')).toEqual({ code: tungipara?.code, tier: 'upazila', kind: 'upazila' });
    expect(charterOffice(tungipara?.parent ?? '')?.tier).toBe('district');
    expect(charterOffice(childrenOf(tungipara?.code ?? '')[0]?.code ?? '')?.tier).toBe('union');
    for (const code of childrenOf(null).map((d) => d.code)) expect(charterOffice(code)).toBeNull();
    expect(charterOffice('BD')).toBeNull();
    expect(charterOffice('up0')).toBeNull();
    const city = allPlaces().find((p) => p.level === 'upazila' && isCityCorporation(p.code));
    expect(charterOffice(city?.code ?? '')?.kind).toBe('city');
  });

  it('sends a complaint up: union → upazila → district → headquarters', () => {
    const union = charterOffice(childrenOf(tungipara?.code ?? '')[0]?.code ?? '');
    const upazila = charterOffice(tungipara?.code ?? '');
    const district = charterOffice(tungipara?.parent ?? '');
    expect(union && officeAbove(union)).toEqual({ tier: 'upazila', office: upazila });
    expect(upazila && officeAbove(upazila)).toEqual({ tier: 'district', office: district });
    expect(district && officeAbove(district)).toEqual({ tier: 'hq', office: null });
  });

  it('has every programme, and the deadline of its tier as configured', () => {
    const days = parseDeadlineDays('union:12,district:9');
    const union = charterFor(childrenOf(tungipara?.code ?? '')[0]?.code ?? '', days);
    expect(union?.services.map((s) => s.programme)).toEqual(catalogue.programmes.map((p) => p.id));
    expect(union?.deadlineDays).toBe(12);
    expect(union?.above.deadlineDays).toBe(DEFAULT_DEADLINE_DAYS.upazila);
    expect(charterFor(tungipara?.parent ?? '', days)?.deadlineDays).toBe(9);
    expect(charterFor('dv30', days)).toBeNull();
  });

  it('leaves out the chat\'s own "only the rules were checked" line, and says "free" once as the cost', () => {
    const charter = charterFor(tungipara?.code ?? '', DEFAULT_DEADLINE_DAYS);
    for (const s of charter?.services ?? []) {
      expect(s.decision).not.toContain('programmes:common.decision.committee');
      expect(s.decision).not.toContain('programmes:common.decision.free');
    }
    expect(charter?.services.find((s) => s.programme === 'disability_stipend')?.decision).toContain('programmes:disability_stipend.decision.three_months');
  });

  it('speaks every line in Bangla and English, for an office of every kind', () => {
    const codes = [childrenOf(tungipara?.code ?? '')[0]?.code, tungipara?.code, tungipara?.parent, allPlaces().find((p) => p.level === 'upazila' && isCityCorporation(p.code))?.code];
    for (const code of codes) {
      const charter = charterFor(code ?? '', DEFAULT_DEADLINE_DAYS);
      expect(charter).not.toBeNull();
      if (!charter) continue;
      expect(OFFICE_TIERS).toContain(charter.office.tier);
      for (const lang of ['bn', 'en'] as const) {
        for (const key of [`charter:office_name.${charter.office.kind}`, `charter:focal.${charter.office.kind}`, `charter:role.${charter.office.kind}`]) expect(translator.t(key, lang, { name: 'x' })).not.toBe('');
        for (const s of charter.services) {
          for (const key of [s.name, s.shortName, ...s.documents, ...s.apply, ...s.decision]) expect(translator.has(key, lang), key).toBe(true);
          for (const line of s.who) expect(translator.t(line.key, lang, line.params)).not.toMatch(/\{\{/);
        }
      }
    }
  });

  it('gives the catalogue\'s figures in Bangla digits in Bangla', () => {
    const oldAge = charterFor(tungipara?.code ?? '', DEFAULT_DEADLINE_DAYS)?.services.find((s) => s.programme === 'old_age');
    const bn = (oldAge?.who ?? []).map((m) => translator.t(m.key, 'bn', m.params)).join(' ');
    expect(bn).toContain('৬৫');
    expect(bn).toContain('১০,০০০');
    expect(bn).not.toMatch(/\d/);
  });
});
