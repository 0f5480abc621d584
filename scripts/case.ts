/**
 * Officers' actions on cases from the command line, until the officers'
 * workspace exists: list, show, move a case on (the citizen is told), and run
 * the escalation pass (optionally as if it were a later date).
 */
import { parseArgs } from 'node:util';
import { createApp } from '../src/app/createApp.ts';
import { forwardCase, replyToCitizen, transitionCase } from '../src/app/cases/caseActions.ts';
import { openStored } from '../src/infra/crypto/fieldCipher.ts';
import { loadEnv } from '../src/config/env.ts';
import type { CaseState } from '../src/domain/cases/lifecycle.ts';
import { formatTrackingNumber, parseTrackingNumber } from '../src/domain/cases/trackingNumber.ts';
import { createLogger } from '../src/infra/log/logger.ts';

const HELP = `npm run case -- <command> [options]

  list                         open cases, urgent first, then by deadline
  show <tracking number>       one case and its timeline
  acknowledge <number>         the officer has seen it
  start <number>               work has started
  forward <number> [--note …]  sent up to the next office (Union → Upazila → District → HQ), with its deadline
  resolve <number> --note "…"  settled; the note goes to the citizen
  reject <number> --note "…"   rejected; the note (the reason) goes to the citizen
  reply <number> --note "…"    write to the citizen without changing the case (on Messenger,
                               more than 24 hours after their last message it waits for them
                               unless FB_HUMAN_AGENT=true, and then for up to 7 days)
  escalate                     move every overdue case up a tier now

The citizen is told of every change in their language, through the channel they used.
Uses DATABASE_URL like npm start (default file:data/setu.db). To see escalation without
waiting a month, run this and the chat with the same SETU_CLOCK_OFFSET_DAYS (e.g. 45).`;

const MOVES: Record<string, CaseState> = { acknowledge: 'acknowledged', start: 'in_progress', forward: 'forwarded', resolve: 'resolved', reject: 'rejected' };

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { note: { type: 'string' }, help: { type: 'boolean' } } });
  const [command, number] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${HELP}\n`);
    return command === undefined && !values.help ? 1 : 0;
  }
  const env = loadEnv();
  const app = await createApp({ env, log: createLogger('warn'), senders: new Map() });
  try {
    if (command === 'list') {
      const open = await app.db.prisma.case.findMany({ where: { state: { notIn: ['resolved', 'rejected'] } }, orderBy: [{ urgent: 'desc' }, { dueAt: 'asc' }], take: 50 });
      for (const c of open) {
        process.stdout.write(`${formatTrackingNumber(c.trackingNumber, 'en')}  ${c.urgent ? 'URGENT ' : ''}${c.state.padEnd(12)} ${c.tier.padEnd(8)} ${c.officeCode.padEnd(16)} due ${c.dueAt.toISOString().slice(0, 10)}  ${c.category}\n`);
      }
      if (open.length === 0) process.stdout.write('no open cases\n');
      return 0;
    }
    if (command === 'escalate') {
      const moved = await app.escalate();
      process.stdout.write(moved.length ? `escalated: ${moved.map((n) => formatTrackingNumber(n, 'en')).join(', ')}\n` : 'nothing overdue\n');
      return 0;
    }
    const parsed = parseTrackingNumber(number ?? '');
    if (!parsed.ok) {
      process.stderr.write(`"${number ?? ''}" is not a tracking number (${parsed.reason})\n`);
      return 1;
    }
    if (command === 'show') {
      const c = await app.db.prisma.case.findUnique({ where: { trackingNumber: parsed.number } });
      if (!c) {
        process.stderr.write('no such case\n');
        return 1;
      }
      const events = await app.db.prisma.caseEvent.findMany({ where: { caseId: c.id }, orderBy: { id: 'asc' } });
      process.stdout.write(`${formatTrackingNumber(c.trackingNumber, 'en')} ${c.kind} ${c.category} ${c.programme ?? ''}\nstate ${c.state}, tier ${c.tier}, office ${c.officeCode}, due ${c.dueAt.toISOString()}${c.urgent ? `, URGENT ${c.urgentReasons}` : ''}\nplace ${c.placeCode}\n\n${openStored(app.cipher, c.description)}\n\n`);
      for (const e of events) process.stdout.write(`${e.at.toISOString()}  ${e.type.padEnd(12)} ${e.actor.padEnd(8)} ${e.officerId ?? ''} ${e.tier ?? ''} ${e.note === null ? '' : openStored(app.cipher, e.note)}\n`);
      return 0;
    }
    if (command === 'reply') {
      const result = await replyToCitizen(app.caseActions, { trackingNumber: parsed.number, text: values.note ?? '', actor: 'officer' });
      if (!result.ok) {
        process.stderr.write(`not done: ${result.reason === 'note_required' ? 'give the message with --note "…"' : result.reason.replaceAll('_', ' ')}\n`);
        return 1;
      }
      process.stdout.write(`${formatTrackingNumber(parsed.number, 'en')}: your message will be delivered to the citizen\n`);
      return 0;
    }
    const to = MOVES[command];
    if (!to) {
      process.stderr.write(`unknown command ${command}\n\n${HELP}\n`);
      return 1;
    }
    const input = { trackingNumber: parsed.number, ...(values.note ? { note: values.note } : {}), actor: 'officer' };
    const result = command === 'forward' ? await forwardCase({ ...app.caseActions, ...app.casePolicy }, input) : await transitionCase(app.caseActions, { ...input, to });
    if (!result.ok) {
      process.stderr.write(`not done: ${result.reason.replaceAll('_', ' ')}\n`);
      return 1;
    }
    process.stdout.write(`${formatTrackingNumber(parsed.number, 'en')}: ${result.from} → ${result.to}; the citizen will be told\n`);
    return 0;
  } finally {
    await app.close();
  }
}

process.exitCode = await main();
