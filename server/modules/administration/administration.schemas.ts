import { z } from "zod";

// The API contract of the administration module: the audit log and the mail outbox.

export const AuditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.iso.datetime(),
    actorUserId: z.uuid().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    hash: z.string(),
  })
  .meta({ id: "AuditEntry" });

const filters = {
  action: z.string().trim().min(1).max(100).optional(),
  entityType: z.string().trim().min(1).max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  ...filters,
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditExportQuerySchema = z.strictObject({
  format: z.enum(["csv", "json"]).default("csv"),
  ...filters,
});
export type AuditExportQuery = z.infer<typeof AuditExportQuerySchema>;
export type AuditFilters = Pick<AuditQuery, "action" | "entityType" | "from" | "to">;

export const AuditPageSchema = z
  .object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: "AuditPage" });

export const mailStatuses = ["queued", "kept", "sent", "failed"] as const;

export const MailMessageSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    /** the plain-text body, so an admin can pass on an invitation link when no SMTP is set */
    text: z.string(),
    template: z.string(),
    status: z.enum(mailStatuses),
    error: z.string().nullable(),
    sentAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "MailMessage" });

export const MailQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: z.enum(mailStatuses).optional(),
});
export type MailQuery = z.infer<typeof MailQuerySchema>;

export const MailPageSchema = z
  .object({ items: z.array(MailMessageSchema), nextCursor: z.string().nullable() })
  .meta({ id: "MailPage" });
