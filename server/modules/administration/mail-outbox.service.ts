import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { invalidField } from "../../platform/http/errors.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.ts";
import { mailMessages } from "../../platform/mail/mail.tables.ts";
import { mailOutboxPolicy } from "./administration.policy.ts";
import type { MailQuery } from "./administration.schemas.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type MailRow = typeof mailMessages.$inferSelect;

/** Mail queued, kept or sent for an organisation, newest first; cursor is (createdAt, id). */
export async function listOrganisationMail(db: Db, actor: Actor, orgId: string, query: MailQuery) {
  mailOutboxPolicy.authorize(actor, "browse", { orgId });
  const conditions = [eq(mailMessages.orgId, orgId)];
  if (query.status) conditions.push(eq(mailMessages.status, query.status));
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    if (!after || typeof after[0] !== "string" || typeof after[1] !== "string" || !uuidPattern.test(after[1]) || Number.isNaN(Date.parse(after[0]))) {
      throw invalidField("query.cursor", "invalid_value_generic");
    }
    const at = new Date(after[0]);
    conditions.push(or(lt(mailMessages.createdAt, at), and(eq(mailMessages.createdAt, at), lt(mailMessages.id, after[1])))!);
  }
  const rows = await db
    .select()
    .from(mailMessages)
    .where(and(...conditions))
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}
