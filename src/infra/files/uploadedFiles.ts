import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE } from '../fs/privateFiles.ts';
import { isErrno } from '../fs/errno.ts';
import { sniffMedia, type MediaKind } from './media.ts';

/** `directline:<id>` on a case's attachment: a file a citizen sent through Setu's own Direct Line. */
export const DIRECTLINE_REF = 'directline:';

/** 18 random bytes, base64url: the only names files get (never the name a browser sent). */
const FILE_ID = /^[A-Za-z0-9_-]{24}$/;
const MAGIC = Buffer.from('SDF1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface DirectLineFile {
  bytes: Uint8Array;
  type: string;
  name: string;
}

export interface DirectLineFiles {
  /** Seals and stores the bytes; the reference for the case (`directline:<id>`). */
  save(bytes: Uint8Array): Promise<string>;
  /** The file behind a reference, with the type its bytes show; null for an unknown, altered or foreign reference. */
  read(ref: string, kind?: string): Promise<DirectLineFile | null>;
}

/**
 * Citizens' photos and voice notes, in `<SETU_DATA_DIR>/directline-files/`
 * (0700, each file 0600), sealed with AES-256-GCM under a key derived from the
 * Direct Line's key: a copied folder shows nothing. Kept like the cases they
 * belong to; files on one machine's disk, so several Setu processes behind
 * one address need that folder shared.
 */
export function createDirectLineFiles(opts: { dir: string; key: Buffer }): DirectLineFiles {
  const key = Buffer.from(hkdfSync('sha256', opts.key, Buffer.alloc(0), 'setu directline files v1', 32));
  let ready = false;
  const folder = (): string => {
    if (!ready) {
      ensurePrivateDir(opts.dir);
      ready = true;
    }
    return opts.dir;
  };
  return {
    async save(bytes) {
      const id = randomBytes(18).toString('base64url');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      // The id is bound in: a file renamed to another's id does not open.
      cipher.setAAD(Buffer.from(id));
      const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
      await writeFile(join(folder(), id), Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]), { mode: PRIVATE_FILE, flag: 'wx' });
      return `${DIRECTLINE_REF}${id}`;
    },
    async read(ref, kind) {
      if (!ref.startsWith(DIRECTLINE_REF)) return null;
      const id = ref.slice(DIRECTLINE_REF.length);
      if (!FILE_ID.test(id)) return null;
      let sealed: Buffer;
      try {
        sealed = await readFile(join(opts.dir, id));
      } catch (err) {
        if (isErrno(err, 'ENOENT')) return null;
        throw err;
      }
      if (sealed.length < MAGIC.length + IV_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) return null;
      const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
      const tag = sealed.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
      let bytes: Buffer;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(id));
        decipher.setAuthTag(tag);
        bytes = Buffer.concat([decipher.update(sealed.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()]);
      } catch {
        return null;
      }
      const media = sniffMedia(bytes, kind === 'audio' || kind === 'image' ? (kind as MediaKind) : undefined);
      return { bytes, type: media?.type ?? 'application/octet-stream', name: `${id}.${media?.ext ?? 'bin'}` };
    },
  };
}
