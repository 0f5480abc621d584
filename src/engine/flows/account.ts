import type { Said } from '../said.ts';
import type { Turn } from '../turn.ts';
import type { Choice } from '../types.ts';

/**
 * "What happened" in a grievance and "their situation" in a report: typed
 * text, photos, voice notes and files, or only the attachments for someone
 * who cannot type. Kept as references (the channel's file ids).
 */

/** Long enough for a full account; beyond it the text is cut, and the user is told. */
export const MAX_ACCOUNT = 2000;

export const ATTACHMENTS_ONLY: Choice = { id: 'desc.done', key: 'grievance:choice.attachments_only' };

/** `transcript`: what a voice note said, when the host could transcribe it. */
export type Attachment = { kind: 'image' | 'audio' | 'document'; ref: string; transcript?: string };

export type AccountOutcome =
  | { kind: 'text'; text: string }
  /** An attachment was kept: ask the same question again. */
  | { kind: 'attached' }
  | { kind: 'invalid'; errorKey: string };

export function readAccount(turn: Turn, said: Said, attachments: Attachment[], invalidKey: string): AccountOutcome {
  if (said.kind === 'attachment') {
    if (said.tooLarge) return { kind: 'invalid', errorKey: 'grievance:invalid.too_large' };
    const kind = said.what === 'image' ? 'image' : said.what === 'audio' ? 'audio' : said.what === 'file' || said.what === 'video' ? 'document' : null;
    if (kind === null || said.ref === undefined) return { kind: 'invalid', errorKey: 'grievance:invalid.attachment' };
    attachments.push({ kind, ref: said.ref });
    turn.say('grievance:attachment_received', { count: attachments.length });
    return { kind: 'attached' };
  }
  if (said.kind === 'choice' && said.id === ATTACHMENTS_ONLY.id && attachments.length > 0) return { kind: 'text', text: '' };
  if (said.kind !== 'text') return { kind: 'invalid', errorKey: invalidKey };
  // A voice note heard as words: the words are the account, and the note stays with the case beside them.
  if (said.voice) attachments.push({ kind: 'audio', ref: said.voice.ref, transcript: said.text.slice(0, MAX_ACCOUNT) });
  if (said.text.length > MAX_ACCOUNT) turn.say('grievance:note.cut', { max: MAX_ACCOUNT });
  return { kind: 'text', text: said.text.slice(0, MAX_ACCOUNT) };
}
