import type { DbOrTx } from "../db/client.ts";
import { appendAudit } from "../platform/audit/audit.ts";
import { shippedCatalogs } from "./shipped-catalogs.ts";
import { assessableRequirements } from "../modules/assessments/scoring.ts";
import { organisationRelationships, organisations } from "../modules/identity/identity.tables.ts";
import { assessmentAnswers, assessments } from "../modules/assessments/assessments.tables.ts";

// Other comuni of Regione Demo, each with last year's approved ACN "importanti" assessment, so the
// regione's coordinator view and the demo comune's peer benchmark (exactly the 5 peers it needs;
// kept to five so seedDemo stays fast) show
// something on first start. One comune did not share its assessment upward: the regione does
// not see it, though it still counts, anonymously, among the peers. Answers are deterministic.

const FRAMEWORK = "acn-nis2-misure-base";
const LEVEL = "importanti";

// each comune's typical maturity by function, so they differ in shape and not only in level
const peers: { name: string; ipaCode: string; shared: boolean; profile: Record<string, number> }[] = [
  { name: "Comune di Collina Demo", ipaCode: "c_demo_collina", shared: true, profile: { GV: 3, ID: 2, PR: 3, DE: 2, RS: 2, RC: 2 } },
  { name: "Comune di Lago Demo", ipaCode: "c_demo_lago", shared: true, profile: { GV: 1, ID: 1, PR: 2, DE: 1, RS: 1, RC: 1 } },
  { name: "Comune di Mare Demo", ipaCode: "c_demo_mare", shared: true, profile: { GV: 4, ID: 3, PR: 3, DE: 3, RS: 3, RC: 2 } },
  { name: "Comune di Monte Demo", ipaCode: "c_demo_monte", shared: true, profile: { GV: 2, ID: 3, PR: 2, DE: 2, RS: 1, RC: 3 } },
  { name: "Comune di Pianura Demo", ipaCode: "c_demo_pianura", shared: false, profile: { GV: 3, ID: 3, PR: 3, DE: 2, RS: 3, RC: 3 } },
];

/** A stable number 0..n-1 from a string: the same comune and requirement always get the same answer. */
function pick(text: string, n: number) {
  let h = 17;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) >>> 0;
  return h % n;
}

export async function seedDemoPeerComuni(tx: DbOrTx, regioneId: string) {
  const catalog = (await shippedCatalogs()).get(FRAMEWORK);
  if (!catalog) return;
  const requirements = assessableRequirements(catalog, LEVEL).map((r) => r.node.id);
  const year = new Date().getUTCFullYear();
  const orgs = await tx
    .insert(organisations)
    .values(peers.map((p) => ({ name: p.name, type: "comune", ipaCode: p.ipaCode })))
    .returning();
  await tx.insert(organisationRelationships).values(orgs.map((org) => ({ kind: "coordinator_of", fromOrgId: regioneId, toOrgId: org.id })));
  const rows = await tx
    .insert(assessments)
    .values(
      orgs.map((org, i) => {
        const approvedAt = new Date(Date.UTC(year - 1, 10, 20 + i, 11));
        return {
          orgId: org.id,
          frameworkId: FRAMEWORK,
          level: LEVEL,
          title: `Misure di base NIS2 ${year - 1}`,
          targetDate: `${year - 1}-12-31`,
          status: "approved",
          approvedByName: `Segretario comunale di ${org.name.replace("Comune di ", "")}`,
          approvedAt,
          sharedUpward: peers[i]!.shared,
          createdAt: new Date(Date.UTC(year - 1, 9, 1 + i, 9)),
          updatedAt: approvedAt,
        };
      }),
    )
    .returning();
  const answers = rows.flatMap((row, i) =>
    requirements.map((requirementId) => {
      const target = 3;
      const current = Math.max(1, Math.min(4, (peers[i]!.profile[requirementId.slice(0, 2)] ?? 2) + pick(`${i}:${requirementId}`, 3) - 1));
      const status = current >= target ? "implemented" : current === 2 ? "partial" : "not_implemented";
      return { assessmentId: row.id, requirementId, status, currentMaturity: current, targetMaturity: target, answeredAt: row.approvedAt };
    }),
  );
  await tx.insert(assessmentAnswers).values(answers);
  await appendAudit(tx, { actor: null, actorLabel: "demo" }, { orgId: regioneId, action: "demo.seed_peer_comuni", entityType: "organisation", entityId: regioneId, after: { comuni: orgs.length } });
}
