import type { AuditRow } from "../../platform/audit/audit.ts";
import type { MailRow } from "./mail-outbox.service.ts";
import type { mailStatuses } from "./administration.schemas.ts";

// Row -> API shape. Entries and mail are read only, so they carry no actions.

export function presentAuditEntry(row: AuditRow) {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    ip: row.ip,
    userAgent: row.userAgent,
    before: row.before,
    after: row.after,
    hash: row.hash,
  };
}

export function presentMail(row: MailRow) {
  return {
    id: row.id,
    to: row.to,
    subject: row.subject,
    text: row.text,
    template: row.template,
    status: row.status as (typeof mailStatuses)[number],
    error: row.error,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
