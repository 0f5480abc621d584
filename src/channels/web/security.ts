/**
 * The web pages' security headers. Scripts only from Setu itself ('self': the
 * static files, never inline), styles only the page's own (a hash, or for Web
 * Chat a per-response nonce on the style elements it writes), everything
 * fetched from Setu itself, and framing only by the sites in
 * WEBCHAT_FRAME_ANCESTORS (read and checked in config/env.ts).
 */

export interface PagePolicy {
  /** Sources allowed to frame the pages, as CSP writes them: `'self'`, `https://*.gov.bd`, … or only `'none'`. */
  frameAncestors: readonly string[];
}

const COMMON = (policy: PagePolicy): string[] => [
  "default-src 'none'",
  "script-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${policy.frameAncestors.join(' ')}`,
];

/** The light page: its one style element by hash, its script from Setu; photos and voice notes as blob: previews only. */
export function lightPageCsp(policy: PagePolicy, styleSource: string): string {
  return [...COMMON(policy), `style-src ${styleSource}`, "img-src 'self' data: blob:", "media-src 'self' blob:", "connect-src 'self'"].join('; ');
}

/**
 * Web Chat: its style elements carry the nonce (its `nonce` prop); its icons are data: URLs; an
 * upload is read from the blob: URL Web Chat makes for it (connect-src blob:).
 */
export function webChatCsp(policy: PagePolicy, nonce: string): string {
  return [
    ...COMMON(policy),
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "connect-src 'self' blob:",
  ].join('; ');
}

/** Headers every page carries besides its CSP. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'permissions-policy': 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=()',
  'cross-origin-resource-policy': 'same-origin',
};
