import { describe, expect, it } from 'vitest';
import { StatedFactsSchema } from '../../src/engine/understanding.ts';
import { mergeAnswers, MODEL_RESPONSE_FORMAT, ModelAnswerSchema } from '../../src/infra/llm/modelAnswer.ts';
import { reading } from './support.ts';

type Node = Record<string, unknown>;

/** Every object schema in a JSON schema, nested ones included. */
function objects(node: unknown): Node[] {
  if (node === null || typeof node !== 'object') return [];
  const here = node as Node;
  const children = Object.values(here).flatMap((v) => (Array.isArray(v) ? v.flatMap(objects) : objects(v)));
  return here.type === 'object' ? [here, ...children] : children;
}

describe('the model answer schema', () => {
  it('is what strict structured output accepts: every property required, nothing more allowed, at every level', () => {
    const { json_schema: spec } = MODEL_RESPONSE_FORMAT;
    expect(spec.strict).toBe(true);
    expect(spec.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(spec.schema).not.toHaveProperty('$schema');
    const all = objects(spec.schema);
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const o of all) {
      expect(o.additionalProperties).toBe(false);
      expect([...(o.required as string[])].sort()).toEqual(Object.keys(o.properties as Node).sort());
    }
  });

  it('asks for every stated fact the contract knows (subject is asked at the top)', () => {
    const asked = Object.keys(ModelAnswerSchema.shape.facts.shape).sort();
    const known = Object.keys(StatedFactsSchema.shape).filter((k) => k !== 'subject').sort();
    expect(asked).toEqual(known);
  });

  it('refuses an answer with anything more than the schema, or a string where an enum belongs', () => {
    expect(ModelAnswerSchema.safeParse(reading()).success).toBe(true);
    expect(ModelAnswerSchema.safeParse({ ...reading(), reply: 'আপনি ভাতা পাবেন' }).success).toBe(false);
    expect(ModelAnswerSchema.safeParse({ ...reading(), facts: { ...reading().facts, eligible: true } }).success).toBe(false);
    expect(ModelAnswerSchema.safeParse({ ...reading(), intent: 'show_all_cases' }).success).toBe(false);
    expect(ModelAnswerSchema.safeParse({ ...reading(), programme: 'anything' }).success).toBe(false);
    const { facts: _facts, ...noFacts } = reading();
    expect(ModelAnswerSchema.safeParse(noFacts).success).toBe(false);
  });
});

describe('mergeAnswers', () => {
  it('lays what the model said over the rules, keeps what it left out, and marks the source', () => {
    const rules = { intent: 'eligibility' as const, confidence: 1, programme: 'old_age', subject: 'other' as const, facts: { age: 70, hasSubornoCard: false } };
    const merged = mergeAnswers(rules, reading({ intent: 'eligibility', confidence: 0.8, facts: { relation: 'mother', maritalStatus: 'widowed' } }), []);
    expect(merged).toEqual({
      intent: 'eligibility',
      confidence: 1,
      programme: 'old_age',
      subject: 'other',
      facts: { subject: 'other', age: 70, hasSubornoCard: false, relation: 'mother', maritalStatus: 'widowed' },
      language: 'bn',
      source: 'model',
    });
  });

  it('never takes a tracking number from the model, only from the rules or the masking', () => {
    expect(mergeAnswers({ intent: null, confidence: 0 }, reading({ intent: 'status' }), ['123456789']).trackingNumber).toBe('123456789');
    expect(mergeAnswers({ intent: null, confidence: 0, trackingNumber: '555666777' }, reading(), ['123456789']).trackingNumber).toBe('555666777');
  });

  it("moves an income said to be someone else's out of the subject's income", () => {
    const merged = mergeAnswers({ intent: null, confidence: 0 }, reading({ facts: { income: { amount: 12000, period: 'month', whose: 'writer' } } }), []);
    expect(merged.facts?.income).toBeUndefined();
    expect(merged.facts?.otherIncomes).toEqual([{ amount: 12000, period: 'month', whose: 'writer' }]);
  });

  it('keeps the rules intent when the model has none', () => {
    expect(mergeAnswers({ intent: 'greeting', confidence: 1 }, reading({ intent: null, confidence: 0.1 }), [])).toMatchObject({ intent: 'greeting', confidence: 1 });
  });
});
