import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { appendAudit } from "../platform/audit/audit.ts";
import { hashPassword } from "../platform/auth/passwords.ts";
import type { Role } from "../platform/authz/actor.ts";
import { seedDemoAssessments } from "./assessments.ts";
import { seedDemoPeerComuni } from "./peer-comuni.ts";
import { seedDemoRisks } from "./risks.ts";
import { publishStarterCurriculum } from "../modules/academy/index.ts";
import { seedDemoAcademy } from "./academy.ts";
import { seedDemoAssignments } from "./academy-assignments.ts";
import { seedDemoIntel } from "./intel.ts";
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
export async function seedDemo(db: Db, password?: string, options: { publicUrl?: string; secretKey?: string } = {}): Promise<{ password: string; generated: boolean }> {
  // the academy's starter curriculum, also for a seed run without a server start (idempotent)
  await publishStarterCurriculum(db);
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
    await seedDemoRisks(tx, {
      comuneId: comune.id,
      siaId: sia.id,
      managerId: userIds.get("sicurezza@comune.demo")!,
      operatorId: userIds.get("operatore@comune.demo")!,
      technicianId: userIds.get("tecnico@sia.demo")!,
    });
    await seedDemoPeerComuni(tx, regione.id);
    const learner = (email: string) => ({ userId: userIds.get(email)!, ...demoAccounts.find((a) => a.email === email)! });
    await seedDemoAcademy(tx, options.publicUrl ?? "http://localhost:3000", {
      comuneId: comune.id,
      employee: learner("dipendente@comune.demo"),
      operator: learner("operatore@comune.demo"),
    });
    await seedDemoAssignments(tx, { comuneId: comune.id, userIds });
    // the anonymous report's author tag needs the server's secret key (see intel.ts)
    await seedDemoIntel(tx, {
      comuneId: comune.id,
      siaId: sia.id,
      regioneId: regione.id,
      manager: learner("sicurezza@comune.demo"),
      technician: learner("tecnico@sia.demo"),
      coordinator: learner("coordinatore@regione.demo"),
    }, options.secretKey);
    await appendAudit(tx, { actor: null, actorLabel: "demo" }, { orgId: comune.id, action: "demo.seed", entityType: "organisation", entityId: comune.id });
  });
  return { password: demoPassword, generated };
}
