import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Db } from "../../server/db/client.ts";
import { hashPassword } from "../../server/platform/auth/passwords.ts";
import type { Role } from "../../server/platform/authz/actor.ts";
import { invitations, memberships, organisationRelationships, organisations, users } from "../../server/modules/identity/identity.tables.ts";
import { appendAudit } from "../../server/platform/audit/audit.ts";
import { issueApiToken } from "../../server/platform/auth/api-tokens.ts";
import { oidcProviders } from "../../server/platform/auth/auth.tables.ts";
import { newSecret, sha256 } from "../../server/platform/auth/tokens.ts";
import type { FileStore } from "../../server/platform/storage/file-store.ts";
import { storedFiles } from "../../server/platform/storage/storage.tables.ts";

export const TEST_PASSWORD = "Rondine-Parcheggio-Vesuvio-42";
let cachedHash: string | null = null;

export async function makeOrganisation(db: Db, values: Partial<typeof organisations.$inferInsert> = {}) {
  const [org] = await db
    .insert(organisations)
    .values({ name: `Comune ${randomUUID().slice(0, 6)}`, type: "comune", ...values })
    .returning();
  return org!;
}

export async function makeUser(db: Db, orgId: string | null, role: Role = "admin", values: Partial<typeof users.$inferInsert> = {}) {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const [user] = await db
    .insert(users)
    .values({ email: `u-${randomUUID().slice(0, 8)}@example.it`, name: "Utente Prova", passwordHash: cachedHash, ...values })
    .returning();
  if (orgId) await db.insert(memberships).values({ userId: user!.id, orgId, role });
  return user!;
}

export async function relate(db: Db, kind: "provider_of" | "coordinator_of", fromOrgId: string, toOrgId: string) {
  const [row] = await db.insert(organisationRelationships).values({ kind, fromOrgId, toOrgId }).returning();
  return row!;
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** headers for app.inject: session cookie and CSRF token */
  headers: Record<string, string>;
}

export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === "cittadella_session");
  const cookie = `cittadella_session=${setCookie!.value}`;
  const { csrfToken } = res.json() as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, "x-csrf-token": csrfToken } };
}

/** An organisation with one user of the given role, signed in. */
export async function orgWithUser(app: FastifyInstance, db: Db, role: Role = "admin", orgValues: Partial<typeof organisations.$inferInsert> = {}) {
  const org = await makeOrganisation(db, orgValues);
  const user = await makeUser(db, org.id, role);
  const session = await signIn(app, user.email);
  return { org, user, session };
}

// Records of every kind an organisation owns, written straight to the database so tests do not
// depend on the routes that create them.

export async function makeInvitation(db: Db, orgId: string, values: Partial<typeof invitations.$inferInsert> = {}) {
  const token = newSecret();
  const [row] = await db
    .insert(invitations)
    .values({ orgId, email: `invito-${randomUUID().slice(0, 8)}@example.it`, role: "employee", tokenHash: sha256(token), expiresAt: new Date(Date.now() + 7 * 86_400_000), ...values })
    .returning();
  return { invitation: row!, token };
}

export async function makeApiToken(db: Db, userId: string, orgId: string, scopes: string[] = ["identity:read"]) {
  return issueApiToken(db, { userId, orgId, name: `token ${randomUUID().slice(0, 6)}`, scopes, expiresAt: null });
}

export async function makeSsoProvider(db: Db, orgId: string, values: Partial<typeof oidcProviders.$inferInsert> = {}) {
  const [row] = await db
    .insert(oidcProviders)
    .values({ orgId, name: `IdP ${randomUUID().slice(0, 6)}`, issuer: "https://idp.example.invalid", clientId: `client-${randomUUID().slice(0, 8)}`, ...values })
    .returning();
  return row!;
}

/** A stored file: the bytes in the app's file store, the row in stored_files. */
export async function makeStoredFile(db: Db, fileStore: FileStore, orgId: string, uploadedBy: string | null, text = "Piano di continuità operativa") {
  const bytes = Buffer.from(text, "utf8");
  const id = randomUUID();
  const storageKey = `${orgId}/${id}`;
  await fileStore.put(storageKey, bytes);
  const [row] = await db
    .insert(storedFiles)
    .values({ id, orgId, uploadedBy, originalName: `documento-${id.slice(0, 6)}.txt`, mimeType: "text/plain", sizeBytes: bytes.length, sha256: sha256(text), storageKey })
    .returning();
  return row!;
}

export async function makeAuditEntry(db: Db, orgId: string, actor: { userId: string; email: string }, entityId: string) {
  await db.transaction((tx) => appendAudit(tx, { actor, ip: "127.0.0.1" }, { orgId, action: "test.fixture", entityType: "organisation", entityId, after: { note: "fixture" } }));
}
