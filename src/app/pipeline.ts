import type { Catalogue } from '../domain/programmes/index.ts';
import type { EngineDeps } from '../engine/deps.ts';
import { handleTurn, wantsUnderstanding } from '../engine/engine.ts';
import { parseSessionState } from '../engine/session.ts';
import type { Clock, IdGenerator, Inbound, Lang } from '../engine/types.ts';
import { AbortTurn, type TurnRecord, type TurnStore } from '../infra/db/turnStore.ts';
import type { Translator } from '../infra/i18n/createTranslator.ts';
import type { Understander, Understanding } from '../engine/understanding.ts';
import type { Logger } from '../infra/log/logger.ts';
import { KeyedSerializer } from './keyedSerializer.ts';

export interface PipelineDeps {
  turns: TurnStore;
  translator: Translator;
  understander: Understander;
  catalogue: Catalogue;
  clock: Clock;
  ids: IdGenerator;
  idleMs: number;
  fiscalYear: string;
  log: Logger;
  /** Called after a turn commits with replies, so delivery starts at once. */
  onOutbox?: () => void;
}

export interface Pipeline {
  /** Handles one inbound message durably; resolves once its replies are in the outbox. */
  handle(inbound: Inbound): Promise<TurnRecord>;
  /** Resolves when no turn is in flight. */
  idle(): Promise<void>;
}

/** Thrown inside the transaction when the engine needs free text understood first. */
class NeedsUnderstanding extends AbortTurn {}

/**
 * The turn pipeline: inbound → session → engine → (one transaction) → outbox.
 * Free text at the top level is understood outside the transaction, since an
 * understander may be a slow remote model; the turn is then run again.
 */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const serializer = new KeyedSerializer();
  const engineDeps: EngineDeps = {
    clock: deps.clock,
    ids: deps.ids,
    catalogue: deps.catalogue,
    labels: (choice) => deps.translator.labels(choice),
    idleMs: deps.idleMs,
    fiscalYear: deps.fiscalYear,
  };

  const attempt = (inbound: Inbound, understanding: Understanding | null | undefined): Promise<TurnRecord> =>
    deps.turns.run(inbound, (work) => {
      const { state, recovered } = parseSessionState(work.stateJson);
      if (recovered) deps.log.warn({ contactId: work.contactId }, 'session state unreadable; starting afresh');
      const previous = work.stateJson === null ? null : state;
      const input = understanding === undefined ? { inbound } : { inbound, understanding };
      if (understanding === undefined && wantsUnderstanding(previous, input)) throw new NeedsUnderstanding();
      const result = handleTurn(previous, input, engineDeps);
      const lang: Lang = result.state.lang ?? work.language ?? inbound.langHint ?? 'bn';
      const outbox = result.events.flatMap((e) =>
        e.type === 'reply' ? [{ payload: JSON.stringify(deps.translator.render(e.reply, lang)) }] : [],
      );
      return { stateJson: JSON.stringify(result.state), language: result.state.lang, outbox };
    });

  const handleOne = async (inbound: Inbound): Promise<TurnRecord> => {
    let record: TurnRecord;
    try {
      record = await attempt(inbound, undefined);
    } catch (err) {
      if (!(err instanceof NeedsUnderstanding) || inbound.body.type !== 'text') throw err;
      // An understander that fails (a model that is down) must not lose the turn: fall back to the menu.
      const understanding = await deps.understander.understand(inbound.body.text).catch((e: unknown) => {
        deps.log.warn({ err: e }, 'understander failed; answering without it');
        return null;
      });
      record = await attempt(inbound, understanding);
    }
    if (record.status === 'done' && record.outboxCount > 0) deps.onOutbox?.();
    if (record.status === 'duplicate') deps.log.info({ channel: inbound.channel, messageId: inbound.messageId }, 'duplicate inbound ignored');
    return record;
  };

  return {
    handle: (inbound) => serializer.run(`${inbound.channel}:${inbound.userId}`, () => handleOne(inbound)),
    idle: () => serializer.idle(),
  };
}
