/**
 * What an uploaded file is, from its first bytes: never from the name or the
 * type the browser claims. Only plain images and audio are taken; anything
 * else (HTML, SVG, a PDF, a program) is refused before it is stored.
 */

export type MediaKind = 'image' | 'audio';

export interface Media {
  kind: MediaKind;
  /** The MIME type the bytes show. */
  type: string;
  /** A file name extension for it. */
  ext: string;
}

const starts = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, text: string, at = 0): boolean => starts(b, [...text].map((c) => c.charCodeAt(0)), at);

/** MP4 (ISO BMFF) brands that hold audio only. */
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ']);

/**
 * The media the bytes are, or null. Containers that hold sound or video
 * alike (MP4, WebM/Matroska) count as audio only when `claimed` is audio: a
 * browser's recording is `audio/webm` or `audio/mp4`.
 */
export function sniffMedia(b: Uint8Array, claimed?: MediaKind): Media | null {
  if (starts(b, [0xff, 0xd8, 0xff])) return { kind: 'image', type: 'image/jpeg', ext: 'jpg' };
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', type: 'image/png', ext: 'png' };
  if (ascii(b, 'GIF87a') || ascii(b, 'GIF89a')) return { kind: 'image', type: 'image/gif', ext: 'gif' };
  if (ascii(b, 'RIFF') && ascii(b, 'WEBP', 8)) return { kind: 'image', type: 'image/webp', ext: 'webp' };
  if (ascii(b, 'RIFF') && ascii(b, 'WAVE', 8)) return { kind: 'audio', type: 'audio/wav', ext: 'wav' };
  if (ascii(b, 'OggS')) return { kind: 'audio', type: 'audio/ogg', ext: 'ogg' };
  if (ascii(b, 'ID3') || (b.length > 1 && b[0] === 0xff && ((b[1] ?? 0) & 0xe6) === 0xe2)) return { kind: 'audio', type: 'audio/mpeg', ext: 'mp3' };
  if (b.length > 1 && b[0] === 0xff && ((b[1] ?? 0) & 0xf6) === 0xf0) return { kind: 'audio', type: 'audio/aac', ext: 'aac' };
  if (ascii(b, '#!AMR')) return { kind: 'audio', type: 'audio/amr', ext: 'amr' };
  if (ascii(b, 'ftyp', 4)) {
    const brand = String.fromCharCode(...b.subarray(8, 12));
    if (AUDIO_BRANDS.has(brand) || claimed === 'audio') return { kind: 'audio', type: 'audio/mp4', ext: 'm4a' };
    return null;
  }
  if (starts(b, [0x1a, 0x45, 0xdf, 0xa3])) return claimed === 'audio' ? { kind: 'audio', type: 'audio/webm', ext: 'webm' } : null;
  return null;
}

/** The kind a browser's content type claims: `image/png` → image; anything not an image or audio → null. */
export function claimedKind(contentType: string): MediaKind | null {
  const type = contentType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  return null;
}
