import type { Intent } from './session.ts';

/** What free text at the top level seems to ask for. */
export interface Understanding {
  intent: Intent | null;
  /** 0..1; the rules matcher gives 1 for a keyword hit, 0 for none. */
  confidence: number;
  /** A programme named in the text ("বয়স্ক ভাতা" → 'old_age'), when one is. */
  programme?: string;
  /** Whether the question is about the writer or someone else ("আমার মা"). */
  subject?: 'self' | 'other';
}

/**
 * The port behind which free text is understood: a rules matcher today, an
 * LLM later. The host calls it outside the database transaction because a
 * remote model may be slow.
 */
export interface Understander {
  understand(text: string): Promise<Understanding>;
}
