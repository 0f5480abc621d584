import { execFileSync } from 'node:child_process';
import { closeSync, fstatSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small filesystem of its own (tmpfs), so that a test can fill it for real:
 * SQLite then fails with SQLITE_FULL exactly as on a full disk. Needs root
 * (or CAP_SYS_ADMIN); `tinyDiskAvailable` says whether this machine allows it.
 */
export interface TinyDisk {
  dir: string;
  /** Writes a filler file until the disk has no space left, then gives back `leaveKb` (small writes fit, larger ones do not). */
  fill(leaveKb?: number): void;
  /** Removes the filler: the space is back. */
  free(): void;
  /** Remounts the disk read-only (nothing may hold a file open for writing), or writable again. */
  readOnly(on: boolean): void;
  cleanup(): void;
}

function tryMount(sizeMb: number): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'setu-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

function unmount(dir: string): void {
  execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

export const tinyDiskAvailable: boolean = (() => {
  const dir = tryMount(1);
  if (dir === null) return false;
  unmount(dir);
  return true;
})();

export function mountTinyDisk(sizeMb = 16): TinyDisk {
  const dir = tryMount(sizeMb);
  if (dir === null) throw new Error('cannot mount a tmpfs here');
  const filler = join(dir, 'filler');
  return {
    dir,
    fill(leaveKb = 0) {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        if ((err as { code?: string }).code !== 'ENOSPC') throw err;
        // The last partial chunk: fill the remainder too.
        const small = Buffer.alloc(512);
        try {
          for (;;) writeSync(fd, small);
        } catch {
          /* full */
        }
      } finally {
        if (leaveKb > 0) ftruncateSync(fd, Math.max(0, fstatSync(fd).size - leaveKb * 1024));
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    readOnly(on) {
      execFileSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir], { stdio: 'ignore' });
    },
    cleanup() {
      unmount(dir);
    },
  };
}
