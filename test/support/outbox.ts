import type { App } from '../../src/app/createApp.ts';
import { parseOutboxPayload } from '../../src/infra/delivery/sender.ts';
import type { RenderedMessage } from '../../src/infra/i18n/createTranslator.ts';

type OutboxWhere = NonNullable<Parameters<App['db']['prisma']['outboxMessage']['findMany']>[0]>['where'];

/** Outbox rows as the delivery worker reads them: the sealed payload opened into its rendered message. */
export async function readOutbox(
  app: Pick<App, 'db' | 'cipher'>,
  where: OutboxWhere = {},
  order: 'asc' | 'desc' = 'asc',
): Promise<Array<{ id: number; status: string; purpose: string; message: RenderedMessage }>> {
  const rows = await app.db.prisma.outboxMessage.findMany({ where, orderBy: { id: order } });
  return rows.map((r) => ({ id: r.id, status: r.status, purpose: r.purpose, message: parseOutboxPayload(r.payload, app.cipher) }));
}
