/**
 * Where to send an officer back to after a form (the page in `Referer`): a
 * path of the workspace on this same host, or `/officer`. Parsed with `new
 * URL`, so `//evil.example/officer`, `/\evil.example`, other hosts, other
 * schemes and malformed values all land on `/officer`; it never throws.
 *
 * @example backTo('http://setu.local/officer/stats?x=1', 'setu.local') // '/officer/stats?x=1'
 */
export function backTo(referer: string | undefined, host: string | undefined): string {
  const fallback = '/officer';
  if (!referer || !host || referer.includes('\\') || /[\u0000-\u001f\u007f]/.test(referer)) return fallback;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return fallback;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fallback;
  let ours: string;
  try {
    // The Host header, normalized as the Referer's host was (case, default port).
    ours = new URL(`${url.protocol}//${host}`).host;
  } catch {
    return fallback;
  }
  if (url.host !== ours || url.username || url.password) return fallback;
  const path = url.pathname;
  if (!/^\/officer(\/|$)/.test(path) || path.includes('//')) return fallback;
  return `${path}${url.search}`;
}
