import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import { issueApiToken, type ApiTokenRow } from "../../platform/auth/api-tokens.ts";
import { apiTokens } from "../../platform/auth/auth.tables.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { invalidField, notFound } from "../../platform/http/errors.ts";

// A user's tokens are theirs alone: nobody else sees or revokes them (an admin removing the
// membership is what cuts a token off, since it acts for one organisation).

export async function listApiTokens(db: Db, actor: Actor) {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** A token acting for the organisation the session is in now; the secret is returned only here. */
export async function createApiToken(
  db: Db,
  actor: Actor,
  input: { name: string; scopes: string[]; expiresInDays: number | null },
  audit: AuditContext,
): Promise<{ token: string; row: ApiTokenRow }> {
  if (!actor.orgId) throw invalidField("body", "no_current_org");
  const orgId = actor.orgId;
  const expiresAt = input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000);
  return db.transaction(async (tx) => {
    const issued = await issueApiToken(tx, { userId: actor.userId, orgId, name: input.name, scopes: [...new Set(input.scopes)], expiresAt });
    const { tokenHash: _secret, ...shown } = issued.row;
    await appendAudit(tx, audit, { orgId, action: "api_token.create", entityType: "api_token", entityId: issued.row.id, after: shown });
    return issued;
  });
}

export async function revokeApiToken(db: Db, actor: Actor, tokenId: string, audit: AuditContext) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
      .for("update");
    if (!row) throw notFound();
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, row.id));
    await appendAudit(tx, audit, { orgId: row.orgId, action: "api_token.revoke", entityType: "api_token", entityId: row.id });
  });
}
