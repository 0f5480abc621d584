import { service } from '../../domain/charter/charter.ts';
import type { ProgrammeId } from '../../domain/programmes/index.ts';
import { normaliseText } from '../../text/normalise.ts';
import type { EngineDeps } from '../deps.ts';
import type { Said } from '../said.ts';
import type { Turn } from '../turn.ts';
import type { Choice, ReplyLine } from '../types.ts';

/**
 * "নাগরিক সনদ" in the chat: what every social services office promises —
 * free service ("কেউ টাকা চাইলে অভিযোগ করুন"), how many working days a
 * complaint has at each office, 333 — then, for the programme chosen, who
 * can get it, the papers and where to apply, from the same data as the
 * office pages (domain/charter); and the link to those pages, where each
 * office's address, hours and phone are.
 */

const PROGRAMME = 'charter.p.';
const AGAIN: Choice = { id: 'charter.again', key: 'charter:chat.choice_again' };
const MENU: Choice = { id: 'menu', key: 'menu:choice.menu' };

/**
 * Whether a message asks for the Citizen Charter: "নাগরিক সনদ", "citizen charter",
 * Banglish "nagorik sonod" and its spellings. "সনদ" alone is not enough: a birth
 * or disability certificate is a সনদ too.
 * @example asksForCharter('nagorik shonod') // true; asksForCharter('জন্ম সনদ লাগবে') // false
 */
export function asksForCharter(text: string): boolean {
  const t = normaliseText(text);
  return /নাগরিক\s*সনদ|সিটিজেন(স)?\s*চার্টার|\bchart[ae]r\b|\bnag[oa]?r[ie]{1,2}k\s*s[h]?[oa]n[oa]?d\b/u.test(t);
}

/** The charter's questions and buttons, and free text at the top level that asks for it. True when handled here. */
export function routeCharter(turn: Turn, said: Said, deps: EngineDeps): boolean {
  if (said.kind === 'choice' && said.id === AGAIN.id) {
    showCharter(turn, deps);
    return true;
  }
  if (said.kind === 'choice' && said.id.startsWith(PROGRAMME)) {
    const id = said.id.slice(PROGRAMME.length);
    const programme = deps.catalogue.programmes.find((p) => p.id === id);
    if (!programme) return false;
    showProgramme(turn, programme.id, deps);
    return true;
  }
  if (said.kind === 'text' && turn.state.flow === null && asksForCharter(said.text)) {
    showCharter(turn, deps);
    return true;
  }
  return false;
}

/** The first message of a conversation asking for the charter. True when it did. */
export function startCharterFromWords(turn: Turn, text: string, deps: EngineDeps): boolean {
  if (!asksForCharter(text)) return false;
  showCharter(turn, deps);
  return true;
}

function showCharter(turn: Turn, deps: EngineDeps): void {
  turn.state.flow = null;
  const d = deps.deadlineDays;
  const lines: ReplyLine[] = [
    { key: 'charter:service.complain_money' },
    { key: 'charter:chat.deadlines', params: { union: d.union, upazila: d.upazila, district: d.district } },
    { key: 'charter:chat.helpline' },
  ];
  if (deps.publicUrl !== undefined) lines.push({ key: 'charter:chat.link', params: { url: `${deps.publicUrl.replace(/\/+$/, '')}/open/charter` } });
  turn.result('charter:chat.summary', undefined, lines);
  const programmes: Choice[] = deps.catalogue.programmes.map((p) => ({ id: `${PROGRAMME}${p.id}`, key: `programmes:${p.id}.short_name` }));
  turn.ask('charter:chat.which', [...programmes, MENU]);
}

function showProgramme(turn: Turn, id: ProgrammeId, deps: EngineDeps): void {
  turn.state.flow = null;
  const programme = deps.catalogue.programmes.find((p) => p.id === id);
  if (!programme) return;
  const entry = service(programme, deps.catalogue);
  const lines: ReplyLine[] = [
    { key: 'charter:service.who' },
    ...entry.who.map((m) => ({ key: m.key, ...(m.params ? { params: m.params } : {}) })),
    { key: 'charter:service.documents' },
    ...entry.documents.map((key) => ({ key })),
    { key: 'charter:service.apply' },
    ...entry.apply.map((key) => ({ key })),
    { key: 'charter:service.cost' },
    { key: 'charter:service.free' },
    { key: 'charter:service.complain_money' },
  ];
  turn.result('charter:chat.programme', { programme: id }, lines);
  turn.ask('charter:chat.after', [AGAIN, MENU]);
}
