// `npm start`: runs the compiled Setu (dist/main.js) with plain Node, no TypeScript loader at start.
// Builds dist/ first when it is missing or older than the sources; `--build` only builds (`npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.built');
const entry = join(root, 'dist', 'main.js');

/** The newest modification time among the files the build reads. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(e.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'src'));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
  return newest;
}

function build() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write('Setu is not built (dist/ is missing or older than src/) and TypeScript is not installed: run `npm install`, or `npm run build` where it is.\n');
    process.exit(1);
  }
  // Type errors are for `npm test` and the editor; the build only emits JavaScript (much faster).
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    process.stderr.write('Building Setu failed (see above).\n');
    process.exit(1);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

const buildOnly = process.argv.includes('--build');
const stale = !existsSync(entry) || !existsSync(stamp) || statSync(stamp).mtimeMs < newestSource();
if (buildOnly || stale) {
  if (!buildOnly) process.stdout.write('Building Setu into dist/ (missing or older than src/)…\n');
  build();
}
if (!buildOnly) {
  const { runMain } = await import(pathToFileURL(entry).href);
  await runMain();
}
