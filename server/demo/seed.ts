import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { appendAudit } from "../platform/audit/audit.ts";
import { hashPassword } from "../platform/auth/passwords.ts";
import type { Role } from "../platform/authz/actor.ts";
import { seedDemoAssessments } from "./assessments.ts";
import { seedDemoPeerComuni } from "./peer-comuni.ts";
import { memberships, organisationRelationships, organisations, users } from "../modules/identity/identity.tables.ts";

/** Demo accounts, listed in the README too. */
export const demoAccounts: { email: string; name: string; org: "comune" | "sia" | "regione"; role: Role }[] = [
  { email: "admin@comune.demo", name: "Anna Amministratrice", org: "comune", role: "admin" },
  { email: "sicurezza@comune.demo", name: "Sergio Sicurezza", org: "comune", role: "security_manager" },
  { email: "operatore@comune.demo", name: "Ottavio Operatore", org: "comune", role: "it_operator" },
  { email: "dipendente@comune.demo", name: "Diana Dipendente", org: "comune", role: "employee" },
  { email: "revisore@comune.demo", name: "Riccardo Revisore", org: "comune", role: "auditor" },
  { email: "lettore@comune.demo", name: "Laura Lettrice", org: "comune", role: "viewer" },
  { email: "tecnico@sia.demo", name: "Tommaso Tecnico", org: "sia", role: "admin" },
  { email: "coordinatore@regione.demo", name: "Chiara Coordinatrice", org: "regione", role: "admin" },
];

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return (row?.n ?? 0) === 0;
}

/** Loads the demo organisations and users. Returns the password to print when it was generated. */
export async function seedDemo(db: Db, password?: string): Promise<{ password: string; generated: boolean }> {
  const generated = !password;
  const demoPassword = password ?? `Demo-${randomBytes(9).toString("base64url")}`;
  const passwordHash = await hashPassword(demoPassword);
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(organisations)
      .values([
        { name: "Comune di Demo", type: "comune", ipaCode: "c_demo", fiscalCode: "80012345676" },
        { name: "SIA Demo", type: "it_provider", fiscalCode: "01234567897" },
        { name: "Regione Demo", type: "regione", ipaCode: "r_demo", fiscalCode: "80098765433" },
      ])
      .returning();
    const [comune, sia, regione] = inserted as [(typeof inserted)[0], (typeof inserted)[0], (typeof inserted)[0]];
    const orgIds = { comune: comune.id, sia: sia.id, regione: regione.id };
    await tx.insert(organisationRelationships).values([
      { kind: "provider_of", fromOrgId: sia.id, toOrgId: comune.id },
      { kind: "coordinator_of", fromOrgId: regione.id, toOrgId: comune.id },
    ]);
    const userIds = new Map<string, string>();
    for (const account of demoAccounts) {
      const [user] = await tx.insert(users).values({ email: account.email, name: account.name, passwordHash }).returning();
      await tx.insert(memberships).values({ userId: user!.id, orgId: orgIds[account.org], role: account.role });
      userIds.set(account.email, user!.id);
    }
    await seedDemoAssessments(tx, {
      comuneId: comune.id,
      ownerId: userIds.get("sicurezza@comune.demo")!,
      approverId: userIds.get("admin@comune.demo")!,
      approverName: "Anna Amministratrice",
      providerUserId: userIds.get("tecnico@sia.demo")!,
    });
    await seedDemoPeerComuni(tx, regione.id);
    await appendAudit(tx, { actor: null, actorLabel: "demo" }, { orgId: comune.id, action: "demo.seed", entityType: "organisation", entityId: comune.id });
  });
  return { password: demoPassword, generated };
}
