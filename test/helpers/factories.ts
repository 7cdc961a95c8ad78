import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Db } from "../../server/db/client.ts";
import { hashPassword } from "../../server/platform/auth/passwords.ts";
import type { Role } from "../../server/platform/authz/actor.ts";
import { memberships, organisationRelationships, organisations, users } from "../../server/modules/identity/identity.tables.ts";

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
  await db.insert(organisationRelationships).values({ kind, fromOrgId, toOrgId });
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
