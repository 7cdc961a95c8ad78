import type { Db } from "../server/db/client.ts";
import { organisationRelationships, organisations } from "../server/modules/identity/identity.tables.ts";
import { actionDependencies, actionRisks, improvementActions } from "../server/modules/risks/risks.tables.ts";
import { recomputeActionPriorities } from "../server/modules/risks/priority.ts";
import type { SeededRegister } from "./risks-seed.ts";

// The roadmap on top of the register's bench seed (bench/risks-seed.ts): `count` actions of the
// same comune spread over three years, one in four carried out by its IT provider, each treating
// one to three risks, one in five waiting for the action before it. Deterministic, written in bulk.

const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
const functions = ["govern", "identify", "protect", "detect", "respond", "recover"] as const;
const statuses = ["planned", "planned", "in_progress", "in_progress", "blocked", "done", "cancelled"] as const;

/** A day of 2026..2028 picked from n: the timeline's spread. */
function dayOf(n: number): string {
  const day = new Date(Date.UTC(2026, 0, 1) + (n % (3 * 365)) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export interface SeededRoadmap {
  providerId: string;
  actionIds: string[];
}

export async function seedRoadmap(db: Db, register: SeededRegister, count = 20_000): Promise<SeededRoadmap> {
  const [provider] = await db.insert(organisations).values({ name: "Fornitore Bench", type: "it_provider" }).returning();
  await db.insert(organisationRelationships).values({ kind: "provider_of", fromOrgId: provider!.id, toOrgId: register.orgId });
  const rows = Array.from({ length: count }, (_, i) => {
    const start = (i * 37) % (3 * 365);
    const status = statuses[i % statuses.length]!;
    return {
      orgId: register.orgId,
      number: i + 1,
      title: `Azione di prova ${i + 1}`,
      description: "Intervento generato per la misura delle prestazioni.",
      csfFunction: functions[i % functions.length]!,
      ownerOrgId: i % 4 === 0 ? provider!.id : register.orgId,
      effort: (["small", "medium", "large"] as const)[i % 3]!,
      estimatedCostCents: ((i * 7919) % 5_000_000) + 10_000,
      startOn: dayOf(start),
      dueOn: dayOf(start + 15 + (i % 120)),
      status,
      progress: status === "done" ? 100 : status === "planned" ? 0 : (i * 13) % 100,
    };
  });
  const actionIds: string[] = [];
  for (const part of chunks(rows, 1_000)) actionIds.push(...(await db.insert(improvementActions).values(part).returning({ id: improvementActions.id })).map((r) => r.id));
  const links = actionIds.flatMap((actionId, i) =>
    [...new Set(Array.from({ length: 1 + (i % 3) }, (_, k) => register.riskIds[(i * 31 + k * 977) % register.riskIds.length]!))].map((riskId) => ({ actionId, riskId })),
  );
  for (const part of chunks(links, 2_000)) await db.insert(actionRisks).values(part);
  const dependencies = actionIds.flatMap((actionId, i) => (i % 5 === 4 ? [{ actionId, dependsOnId: actionIds[i - 1]! }] : []));
  for (const part of chunks(dependencies, 2_000)) await db.insert(actionDependencies).values(part);
  await recomputeActionPriorities(db, register.orgId);
  return { providerId: provider!.id, actionIds };
}
