import type { DbClient } from '../../infra/db/client.ts';

export type AuditAction =
  | 'signin'
  | 'signin.failed'
  | 'signout'
  | 'signout.everywhere'
  | 'password.set'
  | 'password.change'
  | 'officer.add'
  | 'officer.link'
  | 'officer.disable'
  | 'case.view'
  | 'case.outcome'
  | 'case.export'
  | 'case.enter'
  | 'case.acknowledge'
  | 'case.start'
  | 'case.forward'
  | 'case.resolve'
  | 'case.reject'
  | 'case.reply'
  | 'case.assign'
  | 'audit.view'
  | 'telegram.link'
  | 'office.update'
  | 'notice.send'
  | 'case.denied';

type AuditDb = Pick<DbClient, 'auditEntry'>;

/** Writes who did what and when. Details never hold the personal data itself. */
export async function audit(
  db: AuditDb,
  entry: { at: Date; actor: string; action: AuditAction; caseId?: string | null; detail?: Record<string, string | number | boolean | null> },
): Promise<void> {
  await db.auditEntry.create({ data: { at: entry.at, actor: entry.actor, action: entry.action, caseId: entry.caseId ?? null, detail: JSON.stringify(entry.detail ?? {}) } });
}
