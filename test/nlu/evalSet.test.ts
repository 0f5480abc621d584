import { describe, expect, it } from 'vitest';
import { EVAL_FILE, evaluate, isStory, loadEvalSet } from '../../scripts/evalNlu.ts';
import { createRulesUnderstander } from '../../src/infra/llm/rulesUnderstander.ts';

/**
 * The NLU evaluation set (eval/nlu/messages.jsonl) stays well formed and big
 * enough to mean something, and the rules alone keep the targets on
 * it: intent accuracy ≥ 0.90 and fact F1 ≥ 0.85.
 */
const lines = loadEvalSet();

describe('the NLU evaluation set', () => {
  it('parses against the schema, every line', () => {
    expect(lines.length).toBeGreaterThanOrEqual(400);
  });

  it('has at least 120 stories of three facts or more', () => {
    expect(lines.filter(isStory).length).toBeGreaterThanOrEqual(120);
  });

  it('has Bangla script, Banglish and English, and every intent', () => {
    const script = lines.filter((l) => /[\u0980-\u09FF]/u.test(l.text)).length;
    const banglish = lines.filter((l) => l.language === 'bn' && !/[\u0980-\u09FF]/u.test(l.text)).length;
    const english = lines.filter((l) => l.language === 'en').length;
    expect({ script: script >= 100, banglish: banglish >= 80, english: english >= 80 }).toEqual({ script: true, banglish: true, english: true });
    expect(new Set(lines.map((l) => l.intent))).toEqual(new Set(['eligibility', 'grievance', 'report', 'status', 'help', 'language', 'greeting', 'human', 'thanks', null]));
  });

  it('has no message twice', () => {
    expect(new Set(lines.map((l) => l.text)).size).toBe(lines.length);
  });

  it(`meets the targets with the rules alone (${EVAL_FILE})`, async () => {
    const report = await evaluate(lines, createRulesUnderstander());
    expect(report.intentAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.factsOverall.f1).toBeGreaterThanOrEqual(0.85);
  });
});
