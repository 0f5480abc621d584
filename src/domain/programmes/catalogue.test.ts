import { describe, expect, it } from 'vitest';
import { catalogueData } from './catalogue.data.ts';
import { catalogue, loadCatalogue } from './catalogue.ts';
import { CatalogueSchema, ProgrammeIdSchema, type CatalogueInput } from './schema.ts';

/** A deep copy of the shipped data to break in one place. */
const copy = (): CatalogueInput => structuredClone(catalogueData) as CatalogueInput;

describe('programme catalogue', () => {
  it('parses with the zod schema', () => {
    expect(CatalogueSchema.safeParse(catalogueData).success).toBe(true);
    expect(catalogue.specVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has every programme exactly once', () => {
    expect(catalogue.programmes.map((p) => p.id).sort()).toEqual([...ProgrammeIdSchema.options].sort());
  });

  it.each(ProgrammeIdSchema.options)('%s has sources and FY2025-26 and FY2024-25 amounts, each sourced', (id) => {
    const p = catalogue.programmes.find((x) => x.id === id);
    expect(p?.sources.length).toBeGreaterThan(0);
    for (const fy of ['2025-26', '2024-25']) {
      const amount = p?.amounts.find((a) => a.fiscalYear === fy);
      expect(amount, `${id} FY${fy}`).toBeDefined();
      expect(amount?.sources.length).toBeGreaterThan(0);
    }
  });

  it('marks the FY2025-26 budget figures as proposed and keeps FY2024-25', () => {
    const monthly = (id: string, fy: string): [number, boolean] | undefined => {
      const a = catalogue.programmes.find((p) => p.id === id)?.amounts.find((x) => x.fiscalYear === fy);
      return a && a.kind === 'monthly' ? [a.taka, a.proposed] : undefined;
    };
    expect(monthly('old_age', '2025-26')).toEqual([650, true]);
    expect(monthly('old_age', '2024-25')).toEqual([600, false]);
    expect(monthly('widow', '2025-26')).toEqual([650, true]);
    expect(monthly('widow', '2024-25')).toEqual([550, false]);
    expect(monthly('disability', '2025-26')).toEqual([900, true]);
    expect(monthly('disability', '2024-25')).toEqual([850, false]);
    expect(monthly('hijra', '2024-25')).toEqual([600, false]);
    expect(monthly('bede', '2024-25')).toEqual([500, false]);
  });

  it('gives every fact a source (walks the whole tree)', () => {
    const unsourced: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${path}[${i}]`));
      if (node === null || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      const isFact = 'value' in obj || 'known' in obj || 'key' in obj || 'taka' in obj || 'byLevel' in obj || 'values' in obj;
      if (isFact && !(Array.isArray(obj['sources']) && obj['sources'].length > 0)) unsourced.push(path);
      for (const [k, v] of Object.entries(obj)) walk(v, `${path}.${k}`);
    };
    walk(catalogue, 'catalogue');
    expect(unsourced).toEqual([]);
  });

  it('encodes the Bede age threshold as unknown, not a guessed number', () => {
    const bede = catalogue.programmes.find((p) => p.id === 'bede');
    expect(bede?.id === 'bede' && bede.rules.minAge).toMatchObject({ known: false });
    expect(bede?.id === 'bede' && !bede.rules.minAge.known && bede.rules.minAge.between).toBeUndefined();
  });

  it('records the source disagreements the bot must mention', () => {
    expect(catalogue.disagreements.map((d) => d.code).sort()).toEqual(
      ['disability_income_ceiling', 'hijra_amount', 'oaa_income_ceiling', 'oaa_women_age', 'widow_income_ceiling'].sort(),
    );
    const oaa = catalogue.disagreements.find((d) => d.code === 'oaa_income_ceiling');
    expect(oaa?.positions.map((p) => [p.value, p.status])).toEqual([
      [10000, 'used'],
      [3000, 'obsolete'],
    ]);
  });

  describe('refuses broken data', () => {
    it('a fact without a source', () => {
      const data = copy();
      const oldAge = data.programmes.find((p) => p.id === 'old_age');
      if (oldAge?.id !== 'old_age') throw new Error('fixture');
      oldAge.rules.income.sources = [];
      expect(() => loadCatalogue(data)).toThrow(/sources/);
    });

    it('a programme without an amount for a listed fiscal year', () => {
      const data = copy();
      const widow = data.programmes.find((p) => p.id === 'widow');
      if (!widow) throw new Error('fixture');
      widow.amounts = widow.amounts.filter((a) => a.fiscalYear !== '2024-25');
      expect(() => loadCatalogue(data)).toThrow(/widow: no amount for FY2024-25/);
    });

    it('a misspelt field', () => {
      const data = copy() as unknown as { programmes: Array<Record<string, unknown>> };
      const first = data.programmes[0];
      if (!first) throw new Error('fixture');
      first['sourcse'] = ['x'];
      expect(() => loadCatalogue(data)).toThrow(/sourcse/);
    });

    it('a disagreement whose "used" figure is not the rule’s figure', () => {
      const data = copy();
      const oldAge = data.programmes.find((p) => p.id === 'old_age');
      if (oldAge?.id !== 'old_age') throw new Error('fixture');
      oldAge.rules.income.value = 12000;
      expect(() => loadCatalogue(data)).toThrow(/oaa_income_ceiling/);
    });

    it('a missing programme', () => {
      const data = copy();
      data.programmes = data.programmes.filter((p) => p.id !== 'hijra');
      expect(() => loadCatalogue(data)).toThrow(/programme hijra is missing/);
    });
  });
});
