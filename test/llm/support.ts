import { Writable } from 'node:stream';
import { OpenAI } from 'openai';
import type { ModelAnswer } from '../../src/infra/llm/modelAnswer.ts';
import { createLogger, type Logger } from '../../src/infra/log/logger.ts';
import type { ChatRequest, FakeOpenAI } from '../support/fakeOpenAI.ts';

type Facts = ModelAnswer['facts'];

const NO_FACTS: Facts = {
  relation: null,
  age: null,
  sex: null,
  maritalStatus: null,
  hasDisability: null,
  hasSubornoCard: null,
  isStudent: null,
  illness: null,
  income: null,
  otherIncomes: [],
  receivesOtherAllowance: null,
  govtServiceOrPension: null,
};

/** A schema-valid model answer: nothing said unless given. */
export function reading(over: Partial<Omit<ModelAnswer, 'facts'>> & { facts?: Partial<Facts> } = {}): ModelAnswer {
  const { facts, ...rest } = over;
  return { intent: null, confidence: 0.9, programme: null, subject: null, language: 'bn', ...rest, facts: { ...NO_FACTS, ...facts } };
}

/** The real SDK pointed at the stand-in, as fromEnv builds it. */
export function clientFor(fake: FakeOpenAI, timeoutMs = 4000): OpenAI {
  return new OpenAI({ apiKey: fake.apiKey, baseURL: fake.baseURL, timeout: timeoutMs, maxRetries: 0 });
}

/** A logger whose JSON lines are kept for reading. */
export function captureLog(): { log: Logger; lines: () => string[]; records: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLogger('debug', sink);
  const lines = (): string[] => chunks.join('').split('\n').filter((l) => l !== '');
  return { log, lines, records: () => lines().map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export const silentLog = (): Logger => createLogger('silent');

/** The messages a chat request sent. */
export function messagesOf(request: ChatRequest | undefined): Array<{ role: string; content: string }> {
  return (request?.body.messages ?? []) as Array<{ role: string; content: string }>;
}
