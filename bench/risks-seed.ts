import { randomBytes } from "node:crypto";
import type { Db } from "../server/db/client.ts";
import type { Actor } from "../server/platform/authz/actor.ts";
import { memberships, organisations, users } from "../server/modules/identity/identity.tables.ts";
import { risks } from "../server/modules/risks/risks.tables.ts";
import { DEFAULT_MATRIX } from "../server/modules/risks/risk-matrix.ts";
import { normalizeStage, scoreStage, type StageInput } from "../server/modules/risks/risk-scores.ts";
import { shippedThreats } from "../server/modules/risks/threats.ts";

// Seeding for the register's benchmarks (bench/risks.ts), reusable by the roadmap's: one comune
// with a large register written straight into the database in bulk, deterministic so runs compare.

const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** A stage spread over the whole 5x5 matrix, varied by n and a salt. */
function benchStage(n: number, salt: number): StageInput {
  const at = (k: number) => 1 + ((n * (7 + k) + salt * 3 + k) % 5);
  return { likelihood: at(0), impacts: { service: at(1), personal_data: at(2), legal: at(3), financial: at(4), reputation: at(5) } };
}

export interface SeededRegister {
  orgId: string;
  /** the comune's admin, as the services expect a caller */
  actor: Actor;
  riskIds: string[];
}

/** A comune, its admin and `count` risks (inherent on all, current on 3 in 4, residual on 1 in 2). */
export async function seedRiskRegister(db: Db, count = 5_000): Promise<SeededRegister> {
  const [org] = await db.insert(organisations).values({ name: "Comune Bench Rischi", type: "comune" }).returning();
  const [admin] = await db.insert(users).values({ email: `bench-${randomBytes(4).toString("hex")}@comune.example.it`, name: "Bench Admin" }).returning();
  await db.insert(memberships).values({ userId: admin!.id, orgId: org!.id, role: "admin" });
  const threats = shippedThreats().map((t) => t.id);
  const treatments = ["mitigate", "mitigate", "accept", "transfer", "avoid", null] as const;
  const stageColumns = (name: "inherent" | "current" | "residual", input: StageInput | null) => {
    const scored = input ? scoreStage(DEFAULT_MATRIX, input) : null;
    return { [name]: input && normalizeStage(input), [`${name}Likelihood`]: scored?.likelihood ?? null, [`${name}Impact`]: scored?.impact ?? null, [`${name}Level`]: scored?.level ?? null };
  };
  const rows = Array.from({ length: count }, (_, i) => {
    const treatment = treatments[i % treatments.length]!;
    return {
      orgId: org!.id,
      number: i + 1,
      title: `Rischio di prova ${i + 1}`,
      description: "Scenario generato per la misura delle prestazioni.",
      threatId: threats[i % threats.length]!,
      ...(stageColumns("inherent", benchStage(i, 1)) as { inherent: StageInput; inherentLikelihood: number; inherentImpact: number; inherentLevel: string }),
      ...stageColumns("current", i % 4 === 3 ? null : benchStage(i, 2)),
      ...stageColumns("residual", i % 2 ? null : benchStage(i, 3)),
      treatment,
      ...(treatment === "accept" ? { acceptedBy: admin!.id, acceptedByName: "Bench Admin", acceptanceReason: "Costo sproporzionato", acceptanceExpiresOn: "2030-12-31" } : {}),
      status: i % 10 === 9 ? "closed" : "open",
      nextReviewOn: `2027-${String(1 + (i % 12)).padStart(2, "0")}-15`,
    };
  });
  const riskIds: string[] = [];
  for (const part of chunks(rows, 1_000)) riskIds.push(...(await db.insert(risks).values(part).returning({ id: risks.id })).map((r) => r.id));
  const actor: Actor = {
    userId: admin!.id,
    email: admin!.email,
    name: admin!.name,
    locale: "it",
    orgId: org!.id,
    role: "admin",
    providerOf: [],
    coordinatorOf: [],
    via: "session",
    mfaEnrolled: false,
  };
  return { orgId: org!.id, actor, riskIds };
}
