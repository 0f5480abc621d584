import type { Sender } from '../../infra/delivery/sender.ts';
import { formatForTerminal } from './formatForTerminal.ts';

/** Delivers to a terminal: every message printed, choices numbered. */
export function createConsoleSender(write: (text: string) => void): Sender {
  return {
    async send({ message }) {
      write(`${formatForTerminal(message)}\n`);
      return { status: 'sent' };
    },
  };
}
