/**
 * A watermark as a client sends it back: the row id of the last activity it
 * has, as digits (Direct Line's watermarks are opaque strings; Setu's are
 * numbers). None, or an empty one, is the start of the conversation; anything
 * else is null (a 400).
 * @example parseWatermark('42') // 42
 * @example parseWatermark('') // 0
 */
export function parseWatermark(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || raw === '') return 0;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}
