// `--import`ed into Setu through NODE_OPTIONS by `npm run bench:webhook -- --cpu-prof DIR`: Node 20 refuses
// --cpu-prof in NODE_OPTIONS, and scripts/start.mjs takes no Node flags, so the profiler is run from inside.
// SIGUSR2 starts it (the bench sends it as the measured window opens) and SIGUSR2 again stops it and writes
// the profile (Chrome DevTools' .cpuprofile), so the profile holds the window only: no start-up, no warm-up.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.SETU_BENCH_CPU_PROF_DIR;
// Only Setu itself: not the TypeScript build start.mjs may spawn first.
if (dir && /start\.mjs$/.test(process.argv[1] ?? '')) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  // Finer than the default 1 ms: a turn takes a few milliseconds.
  session.post('Profiler.setSamplingInterval', { interval: 250 });
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.start');
      return;
    }
    running = false;
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(join(dir, `setu-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
