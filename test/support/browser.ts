import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';
import { z } from 'zod';

/**
 * A headless Chromium for browser tests that needs nothing from outside npm:
 * the build shipped inside `@sparticuz/chromium` (unpacked into the temporary
 * folder on first use), or Debian's `/usr/bin/chromium` where it is installed,
 * or the one named by SETU_CHROMIUM. Never a downloaded browser.
 */

const require = createRequire(import.meta.url);

/** Flags from the machine's notes: without the background-networking ones Chromium keeps dialling out on a closed network. */
const QUIET = ['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

/**
 * A fontconfig file that adds the Noto Sans Bengali of an npm package to the
 * machine's own fonts, so that screenshots show Bangla rather than boxes on a
 * machine without a Bangla font.
 */
function banglaFontConfig(): string {
  const pkg = dirname(require.resolve('@expo-google-fonts/noto-sans-bengali/package.json'));
  const dir = mkdtempSync(join(tmpdir(), 'setu-fonts-'));
  const conf = join(dir, 'fonts.conf');
  writeFileSync(
    conf,
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
      `  <dir>${join(pkg, '400Regular')}</dir>`,
      `  <dir>${join(pkg, '700Bold')}</dir>`,
      `  <cachedir>${join(dir, 'cache')}</cachedir>`,
      '</fontconfig>',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'cache'));
  return conf;
}

/**
 * Unpacks the npm package's Chromium once into node_modules/.cache, through a
 * folder of this process's own that is renamed into place: two test files
 * starting together, or a run killed half-way, never leave a half-written
 * browser behind (the package itself unpacks in place into the temporary folder).
 */
async function packagedChromium(): Promise<string> {
  // The package exports no package.json; find its folder from its entry point.
  const entry = require.resolve('@sparticuz/chromium');
  const pkg = entry.slice(0, entry.lastIndexOf(`${sep}build${sep}`));
  const { version } = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')));
  const home = join(pkg, '..', '..', '.cache', `setu-chromium-${version}`);
  if (existsSync(join(home, 'chromium'))) return join(home, 'chromium');
  const partial = `${home}.partial-${process.pid}`;
  mkdirSync(partial, { recursive: true });
  const before = process.env.TMPDIR;
  process.env.TMPDIR = partial;
  try {
    await sparticuz.executablePath();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
  try {
    renameSync(partial, home);
  } catch {
    // Another process got there first with a complete copy.
    rmSync(partial, { recursive: true, force: true });
  }
  return join(home, 'chromium');
}

export interface LaunchedBrowser {
  browser: Browser;
  /** Where the browser came from, for the test's log. */
  source: string;
}

/**
 * `systemBanglaFont: false` leaves the npm Bangla font out, so that a page's
 * Bangla shows only with the font the page itself serves (or as boxes);
 * `args` are more Chromium flags (a fake microphone, say).
 */
export async function launchChromium(options: { systemBanglaFont?: boolean; args?: string[] } = {}): Promise<LaunchedBrowser> {
  const env = { ...process.env, ...(options.systemBanglaFont === false ? {} : { FONTCONFIG_FILE: banglaFontConfig() }) } as Record<string, string>;
  const chosen = process.env.SETU_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null);
  if (chosen) {
    const browser = await chromium.launch({ executablePath: chosen, env, args: ['--no-sandbox', '--disable-gpu', ...QUIET, ...(options.args ?? [])] });
    return { browser, source: chosen };
  }
  const executablePath = await packagedChromium();
  const browser = await chromium.launch({ executablePath, env, args: [...sparticuz.args, ...QUIET, ...(options.args ?? [])] });
  return { browser, source: `@sparticuz/chromium (${executablePath})` };
}
