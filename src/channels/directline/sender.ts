import type { Clock } from '../../engine/types.ts';
import type { Sender } from '../../infra/delivery/sender.ts';
import type { RenderedMessage } from '../../infra/i18n/createTranslator.ts';
import { activityId, type StoredActivity } from './activity.ts';
import type { DirectLineStore } from './store.ts';
import { CONVERSATION_ID } from './tokens.ts';

/** Setu as a Direct Line participant. */
export const BOT = { id: 'setu', name: 'Setu', role: 'bot' } as const;

/** Setu's reply as a message Activity: the rendered text, its choices as buttons whose value (a string) is the choice id. */
export function botActivity(message: RenderedMessage, at: Date, replyToId?: string): StoredActivity {
  return {
    type: 'message',
    timestamp: at.toISOString(),
    from: { ...BOT },
    text: message.text,
    // Setu's texts are plain: "১." or "* " must not turn into Markdown lists.
    textFormat: 'plain',
    locale: message.lang === 'en' ? 'en-US' : 'bn-BD',
    ...(replyToId !== undefined ? { replyToId } : {}),
    ...(message.choices.length > 0
      ? { suggestedActions: { actions: message.choices.map((c) => ({ type: 'imBack' as const, title: c.label, value: c.id })) } }
      : {}),
  };
}

/** The message a reply answers is looked for this many activities at a time, newest first… */
const REPLY_PAGE = 50;
/** …and no further back than this: a person who wrote more while Setu was behind gets the reply tied to the last message before it. */
const REPLY_LOOKBACK = 1000;

/**
 * The outbox's sender for channel 'directline': each reply becomes an
 * Activity in the conversation's stream (DirectLineActivity), in the order
 * the outbox delivers them (one contact's messages one after another). A
 * reply names the user's message it answers (`replyToId`): the one whose
 * turn queued it (received at the echo's timestamp), else the last before.
 */
export function createDirectLineSender(deps: { store: DirectLineStore; clock: Clock; onAppended(conversationId: string): void }): Sender {
  const answering = async (conversationId: string, queuedAt: Date): Promise<string | undefined> => {
    // A turn's replies are queued at the moment it was received, which is its echo's timestamp (unique in the
    // conversation). Newest first, the first user message received no later than that is the one answered; when
    // the person wrote on while replies waited (a backlog), it lies further back than one page.
    let before: number | undefined;
    for (let read = 0; read < REPLY_LOOKBACK; read += REPLY_PAGE) {
      const page = await deps.store.recent(conversationId, REPLY_PAGE, before);
      const asked = page.find((r) => r.row.activity.from.role === 'user' && Date.parse(r.row.activity.timestamp) <= queuedAt.getTime());
      if (asked) return activityId(conversationId, asked.rowId);
      if (page.length < REPLY_PAGE) return undefined;
      before = page.at(-1)?.rowId;
    }
    return undefined;
  };
  return {
    async send(out) {
      const conversationId = out.externalId;
      if (!CONVERSATION_ID.test(conversationId)) return { status: 'failed', error: 'not a Direct Line conversation id' };
      const replyToId = out.purpose === 'reply' ? await answering(conversationId, out.queuedAt) : undefined;
      const rowId = await deps.store.append(conversationId, { activity: botActivity(out.message, deps.clock.now(), replyToId) });
      if (rowId === null) return { status: 'failed', error: 'the Direct Line conversation is gone', unreachable: true };
      deps.onAppended(conversationId);
      return { status: 'sent' };
    },
  };
}
