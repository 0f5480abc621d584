import { performance } from 'node:perf_hooks';
import { toFile, type OpenAI } from 'openai';
import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import { deadline, describeFailure } from './failure.ts';

/** Turns a voice message into text, or null when it cannot: the channel then says it could not hear it. */
export interface Transcriber {
  transcribe(audio: Buffer, mimeType: string, fileName: string): Promise<string | null>;
}

export interface TranscriberOptions {
  client: OpenAI;
  model: string;
  timeoutMs: number;
  log: Logger;
}

/** OpenAI takes files up to 25 MB; a larger one would only be refused after uploading it. */
const MAX_AUDIO_BYTES = 25 * 1024 * 1024;
/** More than a voice note says; the pipeline reads at most 2,000 characters of it anyway. */
const MAX_TEXT_CHARS = 4000;

const TranscriptionSchema = z.object({ text: z.string() });

/**
 * Speech to text through the audio transcriptions endpoint, in Bangla
 * (`language: 'bn'`, which also keeps Bangla speech from coming back in
 * Latin letters). Logs the outcome, size and time, never the words.
 *
 * @example await createTranscriber({ client, model: 'gpt-4o-mini-transcribe', timeoutMs: 20_000, log }).transcribe(ogg, 'audio/ogg', 'voice.ogg')
 */
export function createTranscriber({ client, model, timeoutMs, log: parent }: TranscriberOptions): Transcriber {
  const log = parent.child({ component: 'transcriber', model });
  return {
    async transcribe(audio, mimeType, fileName) {
      if (audio.length === 0 || audio.length > MAX_AUDIO_BYTES) {
        log.warn({ outcome: 'unsuitable', bytes: audio.length }, 'audio not sent for transcription');
        return null;
      }
      const started = performance.now();
      const ms = (): number => Math.round(performance.now() - started);
      const stop = deadline(timeoutMs);
      try {
        const file = await toFile(audio, fileName, { type: mimeType });
        const result = await client.audio.transcriptions.create(
          { file, model, language: 'bn', response_format: 'json' },
          { timeout: timeoutMs, maxRetries: 0, signal: stop.signal },
        );
        const parsed = TranscriptionSchema.safeParse(result);
        const text = parsed.success ? parsed.data.text.trim().slice(0, MAX_TEXT_CHARS) : '';
        if (text === '') {
          log.warn({ outcome: parsed.success ? 'empty' : 'invalid', bytes: audio.length, ms: ms() }, 'no transcription');
          return null;
        }
        log.info({ outcome: 'ok', bytes: audio.length, chars: text.length, ms: ms() }, 'transcribed');
        return text;
      } catch (err) {
        log.warn({ ...describeFailure(err), bytes: audio.length, ms: ms() }, 'transcription failed');
        return null;
      } finally {
        stop.clear();
      }
    },
  };
}
