/**
 * The little of the DOM that browser tests use inside `page.evaluate` (the
 * project's TypeScript has no DOM library: Setu runs on Node). A test file
 * declares the globals it uses with these, e.g.
 * `declare const document: Doc;` — the functions run in the browser.
 */

export interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
  width: number;
  height: number;
}

export interface El {
  id: string;
  tagName: string;
  className: string;
  textContent: string | null;
  scrollTop: number;
  readonly scrollHeight: number;
  readonly scrollWidth: number;
  readonly clientHeight: number;
  readonly clientWidth: number;
  style: Record<string, string>;
  getBoundingClientRect(): Rect;
  appendChild(child: El): El;
  remove(): void;
}

export interface CspViolation {
  effectiveDirective: string;
  sourceFile: string;
  blockedURI: string;
}

export interface Doc {
  body: El;
  documentElement: El;
  getElementById(id: string): El | null;
  querySelector(selectors: string): El | null;
  querySelectorAll(selectors: string): ArrayLike<El> & Iterable<El>;
  createElement(tag: string): El;
  addEventListener(type: 'securitypolicyviolation', listener: (e: CspViolation) => void): void;
  fonts: Iterable<{ family: string; status: string }> & {
    ready: Promise<unknown>;
    check(font: string, text?: string): boolean;
    load(font: string, text?: string): Promise<unknown[]>;
  };
}

export interface Store {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
