import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { forbidden, invalidField } from "../../platform/http/errors.ts";
import { tokenAllows } from "../../platform/authz/policy.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.ts";
import { xapiStatements } from "./academy.tables.ts";
import { learningRecordPolicy } from "./academy.policy.ts";

export interface StatementQuery {
  /** mine: the caller's own; organisation: every learner of the caller's current organisation (managers) */
  scope: "mine" | "organisation";
  since?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Statements newest first, as an xAPI StatementResult: { statements, more }, `more` being the
 * address of the next page or "" at the end (xAPI 1.0.3, 2.1.3 of the communication part).
 */
export async function listStatements(db: DbOrTx, actor: Actor, query: StatementQuery) {
  const conditions: SQL[] = [];
  if (query.scope === "organisation") {
    if (!actor.orgId) throw invalidField("query.scope", "no_current_org");
    learningRecordPolicy.authorize(actor, "readLearners", { orgId: actor.orgId });
    conditions.push(eq(xapiStatements.orgId, actor.orgId));
  } else {
    if (!tokenAllows(actor, "academy", false)) throw forbidden();
    conditions.push(eq(xapiStatements.userId, actor.userId));
  }
  if (query.since) conditions.push(gte(xapiStatements.stored, new Date(query.since)));
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    if (!after || after.length !== 2 || typeof after[0] !== "string" || typeof after[1] !== "string") throw invalidField("query.cursor", "invalid_value_generic");
    const stored = new Date(after[0]);
    conditions.push(or(lt(xapiStatements.stored, stored), and(eq(xapiStatements.stored, stored), lt(xapiStatements.id, after[1])))!);
  }
  const rows = await db
    .select({ id: xapiStatements.id, stored: xapiStatements.stored, statement: xapiStatements.statement })
    .from(xapiStatements)
    .where(and(...conditions))
    .orderBy(desc(xapiStatements.stored), desc(xapiStatements.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  let more = "";
  if (rows.length > query.limit) {
    const last = page.at(-1)!;
    const params = new URLSearchParams({ scope: query.scope, limit: String(query.limit), cursor: encodeCursor([last.stored.toISOString(), last.id]) });
    if (query.since) params.set("since", query.since);
    more = `/api/academy/statements?${params.toString()}`;
  }
  return { statements: page.map((r) => r.statement), more };
}
