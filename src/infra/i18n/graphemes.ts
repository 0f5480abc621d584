const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Characters as a reader sees them (grapheme clusters), not UTF-16 units:
 * a Bangla conjunct or an emoji counts once.
 * @example graphemeCount('ক্ষ') // 1
 */
export function graphemeCount(s: string): number {
  return Array.from(segmenter.segment(s)).length;
}
