import { performance } from 'node:perf_hooks';
import { MAX_INBOUND_TEXT } from '../engine/limits.ts';
import type { Channel, Inbound } from '../engine/types.ts';
import type { Transcriber } from '../infra/llm/transcriber.ts';
import type { Logger } from '../infra/log/logger.ts';
import type { AttachmentFetcher, FetchedFile } from './officers/attachments.ts';

/**
 * Voice notes heard as words: the note's bytes fetched from its channel, then
 * transcribed. What was heard is run as typed text that remembers the note
 * (`{ type: 'text', text, voice: { ref } }`); a note that could not be fetched
 * or heard is run as it came, and the engine answers it as before.
 */
export interface VoiceNotes {
  /** Whether this message is a voice note Setu would try to hear (the channel's files can be had, and it is not too large). */
  canHear(inbound: Inbound): boolean;
  /** The message as the words heard in it, or unchanged when nothing could be heard. Never throws. */
  hear(inbound: Inbound): Promise<Inbound>;
}

export interface VoiceNotesOptions {
  transcriber: Transcriber;
  /** Fetches `telegram:<file_id>` and `messenger:<url>` references (only Meta's CDN hosts for the latter). */
  files: AttachmentFetcher;
  /** The channels whose notes can be fetched (Telegram with its bot token, Messenger); the web chat and the terminal have none. */
  channels: ReadonlySet<Channel>;
  log: Logger;
  /** Fetching and transcribing together give up after this long, so the turn still has time to answer. */
  deadlineMs: number;
}

/** File names the speech endpoint knows the format of, by extension; anything else is named from its type. */
const AUDIO_EXTENSIONS: ReadonlySet<string> = new Set(['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']);
const EXTENSION_OF_TYPE: Record<string, string> = {
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'video/mp4': 'mp4',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/webm': 'webm',
  'audio/flac': 'flac',
};

/** The name the note is uploaded under: its own when the extension says what it is, else `voice.<ext>` from its type (Telegram's voice notes are Ogg Opus). */
function uploadName(file: FetchedFile): string {
  const ext = file.name?.split('.').at(-1)?.toLowerCase();
  if (file.name !== undefined && ext !== undefined && AUDIO_EXTENSIONS.has(ext)) return file.name;
  return `voice.${EXTENSION_OF_TYPE[file.type] ?? 'ogg'}`;
}

type Outcome = { heard: string | null; outcome: 'ok' | 'unfetched' | 'unheard'; bytes: number };

/**
 * @example const voice = createVoiceNotes({ transcriber, files, channels: new Set(['telegram']), log, deadlineMs: 22_000 });
 *          await voice.hear(inbound) // { …inbound, body: { type: 'text', text: 'তিন মাস ধরে…', voice: { ref: 'telegram:AwAC…' } } }
 */
export function createVoiceNotes(opts: VoiceNotesOptions): VoiceNotes {
  const log = opts.log.child({ component: 'voice' });

  const listen = async (ref: string): Promise<Outcome> => {
    const file = await opts.files.fetch(ref, 'audio').catch(() => null);
    if (file === null) return { heard: null, outcome: 'unfetched', bytes: 0 };
    const bytes = file.bytes.byteLength;
    const audio = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, bytes);
    const text = await opts.transcriber.transcribe(audio, file.type, uploadName(file)).catch(() => null);
    const heard = text?.trim().slice(0, MAX_INBOUND_TEXT) ?? '';
    return heard === '' ? { heard: null, outcome: 'unheard', bytes } : { heard, outcome: 'ok', bytes };
  };

  const canHear = (inbound: Inbound): boolean => {
    const body = inbound.body;
    return body.type === 'attachment' && body.kind === 'audio' && body.ref !== undefined && body.tooLarge !== true && opts.channels.has(inbound.channel);
  };

  return {
    canHear,
    async hear(inbound) {
      const body = inbound.body;
      if (!canHear(inbound) || body.type !== 'attachment' || body.ref === undefined) return inbound;
      const ref = body.ref;
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), opts.deadlineMs);
      });
      try {
        const result = await Promise.race([listen(ref).catch((): Outcome => ({ heard: null, outcome: 'unheard', bytes: 0 })), late]);
        const ms = Math.round(performance.now() - started);
        // The outcome, the size and the time; never the words, nor the reference (a signed CDN URL).
        if (result === 'timeout') {
          log.warn({ channel: inbound.channel, outcome: 'timeout', ms }, 'voice note not heard in time; answered as a voice note');
          return inbound;
        }
        if (result.heard === null) {
          log.warn({ channel: inbound.channel, outcome: result.outcome, bytes: result.bytes, ms }, 'voice note not heard; answered as a voice note');
          return inbound;
        }
        log.info({ channel: inbound.channel, outcome: 'ok', bytes: result.bytes, chars: result.heard.length, ms }, 'voice note heard');
        return { ...inbound, body: { type: 'text', text: result.heard, voice: { ref } } };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
