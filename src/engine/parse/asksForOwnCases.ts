import { findPhrase, tokenise } from '../../text/normalise.ts';

/**
 * "আমার অভিযোগগুলো", "আমার অভিযোগের কী খবর", "my complaints": asks to see
 * one's own cases, with no number. Read before the turn, so the host can look
 * them up; "আমার একটা অভিযোগ আছে" (a new complaint) is not such a question.
 *
 * @example asksForOwnCases('আমার অভিযোগগুলো') // true
 * @example asksForOwnCases('আমার অভিযোগের কী হলো?') // true
 * @example asksForOwnCases('আমার একটা অভিযোগ আছে') // false
 */
export function asksForOwnCases(text: string): boolean {
  const tokens = tokenise(text);
  if (tokens.length === 0 || tokens.length > 12 || tokens.some((t) => /\d/.test(t))) return false;
  const has = (phrases: readonly (readonly string[])[]): boolean => phrases.some((p) => findPhrase(tokens, p).length > 0);
  if (has(PLURAL)) return true;
  if (has(NEW_COMPLAINT)) return false;
  const mine = tokens.some((t) => POSSESSIVES.has(t));
  const named = tokens.some((t) => NOUN_STEMS.some((n) => t.startsWith(n)));
  return mine && named && (has(ASKING_AFTER) || tokens.length <= 2);
}

const words = (list: readonly string[]): string[][] => list.map((w) => tokenise(w)).filter((w) => w.length > 0);

const PLURAL = words([
  'অভিযোগগুলো', 'অভিযোগগুলি', 'অভিযোগগুলোর', 'অভিযোগসমূহ', 'রিপোর্টগুলো', 'রিপোর্টগুলি', 'মামলাগুলো',
  'ovijog gulo', 'ovijoggulo', 'obhijog gulo', 'obhijoggulo', 'abhijog gulo', 'my complaints', 'my reports', 'my cases', 'complaints i made', 'my complaint list',
]);
const POSSESSIVES: ReadonlySet<string> = new Set(['আমার', 'আমাদের', 'amar', 'amader', 'my', 'our']);
const NOUN_STEMS = ['অভিযোগ', 'রিপোর্ট', 'ovijog', 'obhijog', 'abhijog', 'complaint', 'report', 'case'];
const ASKING_AFTER = words([
  'খবর', 'খোঁজ', 'কী হলো', 'কি হলো', 'কী হল', 'কি হল', 'কী হয়েছে', 'কি হয়েছে', 'অবস্থা', 'কোথায়', 'কতদূর', 'দেখতে চাই', 'দেখাও', 'দেখান',
  'khobor', 'ki holo', 'ki hoilo', 'ki hoyeche', 'obostha', 'kothay', 'kotodur', 'status', 'update', 'what happened', 'where is', 'show',
]);
/** Words of a complaint being made, not asked after. */
const NEW_COMPLAINT = words([
  'আছে', 'করব', 'করবো', 'করতে', 'দিতে', 'দেব', 'দিব', 'জানাতে', 'জানাব', 'ache', 'korbo', 'korte', 'dite', 'janate', 'want to', 'make', 'file', 'lodge', 'have a',
]);
