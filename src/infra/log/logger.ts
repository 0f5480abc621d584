import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs; message text, phone and NID fields are redacted wherever they appear. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: ['*.text', '*.phone', '*.nid', 'text', 'phone', 'nid'], censor: '[redacted]' },
    },
    destination ?? process.stderr,
  );
}
