import type { Intent } from './session.ts';

export { RelationSchema, StatedFactsSchema, StatedIncomeSchema, type Relation, type StatedFacts, type StatedIncome } from './facts.ts';
import type { StatedFacts } from './facts.ts';

/** What free text seems to ask for and tell. */
export interface Understanding {
  intent: Intent | null;
  /** 0..1; the rules matcher gives 1 for a keyword hit, 0 for none. */
  confidence: number;
  /** A programme named in the text ("বয়স্ক ভাতা" → 'old_age'), when one is. */
  programme?: string;
  /** Whether the question is about the writer or someone else ("আমার মা"). */
  subject?: 'self' | 'other';
  /** Facts stated about the person asked about. */
  facts?: StatedFacts;
  /** A 9-digit tracking number found anywhere in the text (Latin digits). */
  trackingNumber?: string;
  /** The language the message is written in (Banglish counts as Bangla). */
  language?: 'bn' | 'en';
  /** Who understood it. */
  source?: 'rules' | 'model';
}

/**
 * The port behind which free text is understood: rules always, a model
 * when one is configured. The host calls it outside the database transaction
 * because a remote model may be slow.
 */
export interface Understander {
  understand(text: string): Promise<Understanding>;
}
