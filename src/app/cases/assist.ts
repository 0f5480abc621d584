import { maySee } from '../../domain/officers/jurisdiction.ts';
import type { Clock, Lang } from '../../engine/types.ts';
import { openStored, type FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import { scriptLanguage, type CaseAssistant } from '../../infra/llm/caseAssistant.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { isRole } from '../officers/accounts.ts';
import { every } from '../periodic.ts';
import { acquireLease } from './jobLease.ts';

export interface AssistDeps {
  db: DbClient;
  writes: WriteLock;
  cipher: FieldCipher;
  clock: Clock;
  log: Logger;
  assistant: CaseAssistant;
  /** This process's name for the lease. */
  holder: string;
}

const LEASE = 'case_assist';
/** Longer than a batch can take (each call has its own timeout). */
const LEASE_MS = 5 * 60_000;
/** Cases summarised in one pass: the model is slow, and other work (turns) shares the process. */
const BATCH = 5;
/** Cases looked at in one pass for ones without a row. */
const SCAN = 500;
const PAGE = 100;
/** Cases lodged before this are left alone: turning a model on does not send a year of complaints out at once. */
const LOOKBACK_MS = 30 * 86_400_000;
/** A case the model could not summarise is tried again after this, and given up (in this process) after a few tries. */
const RETRY_MS = 15 * 60_000;
const MAX_TRIES = 3;

/**
 * The language the officers who will read the case work in: English when
 * every active officer of its area who may see it chose English, Bangla
 * otherwise (and when there is none).
 */
async function officersLanguage(db: DbClient, c: { placeCode: string; upazilaCode: string; districtCode: string; tier: string; concernsTier: string | null }): Promise<Lang> {
  const officers = await db.officer.findMany({ where: { disabledAt: null, areaCode: { in: [c.placeCode, c.upazilaCode, c.districtCode] } }, select: { role: true, areaCode: true, language: true } });
  const readers = officers.filter((o) => isRole(o.role) && maySee({ role: o.role, areaCode: o.areaCode }, c));
  return readers.length > 0 && readers.every((o) => o.language === 'en') ? 'en' : 'bn';
}

/**
 * The background work of the case assistant: cases without a CaseAssist row,
 * newest first, a few at a time, under a lease (one process at a time),
 * outside any chat turn. Each gets a summary, a suggested category and
 * urgency, and the citizen's words translated when the officers read another
 * language; summary and translation sealed. A case the model fails on gets
 * no row and is tried again later.
 */
export function createAssistJob(deps: AssistDeps): { pass(): Promise<number>; start(intervalMs: number): { stop(): Promise<void> }; failures(): number } {
  /** Cases the model failed on, by id; kept while the case may still be a candidate (lodged within LOOKBACK_MS). */
  const failed = new Map<string, { tries: number; at: number }>();
  let stopping = false;
  const log = deps.log.child({ component: 'case_assist_job' });

  const due = (id: string, now: number): boolean => {
    const f = failed.get(id);
    return f === undefined || (f.tries < MAX_TRIES && now - f.at >= RETRY_MS);
  };

  const candidates = async (now: Date) => {
    const found: Array<{ id: string; description: string; language: string; placeCode: string; upazilaCode: string; districtCode: string; tier: string; concernsTier: string | null }> = [];
    for (let skip = 0; skip < SCAN && found.length < BATCH; skip += PAGE) {
      const page = await deps.db.case.findMany({
        where: { createdAt: { gte: new Date(now.getTime() - LOOKBACK_MS) } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip,
        take: PAGE,
        select: { id: true, description: true, language: true, placeCode: true, upazilaCode: true, districtCode: true, tier: true, concernsTier: true },
      });
      if (page.length === 0) break;
      const done = new Set((await deps.db.caseAssist.findMany({ where: { caseId: { in: page.map((c) => c.id) } }, select: { caseId: true } })).map((a) => a.caseId));
      for (const c of page) if (!done.has(c.id) && due(c.id, now.getTime()) && found.length < BATCH) found.push(c);
      if (page.length < PAGE) break;
    }
    return found;
  };

  /** One pass; how many cases got a row. */
  const pass = async (): Promise<number> => {
    const now = deps.clock.now();
    // A case last tried before the look-back was lodged before it too: never a candidate again, so nothing to remember.
    for (const [id, f] of failed) if (now.getTime() - f.at >= LOOKBACK_MS) failed.delete(id);
    if (!(await acquireLease(deps.db, LEASE, deps.holder, now, LEASE_MS))) return 0;
    let written = 0;
    for (const c of await candidates(now)) {
      // Stopping: what is left waits for the next start rather than hold the shutdown.
      if (stopping) break;
      const description = openStored(deps.cipher, c.description);
      const caseLanguage: Lang = scriptLanguage(description) === 'bn' || c.language !== 'en' ? 'bn' : 'en';
      const lang = await officersLanguage(deps.db, c);
      const suggestion = await deps.assistant.summarise(description, caseLanguage, lang);
      if (suggestion === null) {
        const f = failed.get(c.id);
        failed.set(c.id, { tries: (f?.tries ?? 0) + 1, at: now.getTime() });
        // Slow, down or over budget: the next pass tries again, rather than this one on every case.
        log.info({ case: c.id, tries: (f?.tries ?? 0) + 1 }, 'no suggestion for the case; tried again later');
        break;
      }
      failed.delete(c.id);
      const row = {
        lang,
        summary: deps.cipher.encrypt(suggestion.summary),
        category: suggestion.category,
        urgent: suggestion.urgent,
        translation: suggestion.translation === null ? null : deps.cipher.encrypt(suggestion.translation),
        model: deps.assistant.model,
        createdAt: deps.clock.now(),
      };
      // Another process may have written it meanwhile (a lease that ran out): the first row stays.
      await deps.writes.run(() => deps.db.caseAssist.upsert({ where: { caseId: c.id }, create: { caseId: c.id, ...row }, update: {} }));
      written += 1;
      log.info({ case: c.id, lang, translated: suggestion.translation !== null }, 'case suggestion kept');
    }
    return written;
  };

  return {
    pass,
    failures: () => failed.size,
    start(intervalMs) {
      const job = every(intervalMs, pass, (err) => log.error({ err }, 'case assist pass failed'));
      return {
        async stop() {
          stopping = true;
          await job.stop();
        },
      };
    },
  };
}

/** What an officer's note becomes for the citizen: the note, and its machine translation when one could be made in time. */
export interface NoteForCitizen {
  note: string;
  translated: string | null;
}

/**
 * The officer's note in the citizen's language, when the note is written in
 * the other one (Bangla script or Latin letters) and a model is configured.
 * The model's own timeout bounds the wait; slow, down or refused, the
 * citizen gets the original alone.
 */
export async function translateNote(assistant: CaseAssistant | null | undefined, note: string, citizenLanguage: string): Promise<NoteForCitizen> {
  const to: Lang = citizenLanguage === 'en' ? 'en' : 'bn';
  const from = scriptLanguage(note);
  if (!assistant || from === null || from === to) return { note, translated: null };
  return { note, translated: await assistant.translate(note, from, to) };
}
