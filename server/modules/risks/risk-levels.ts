import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { risks } from "./risks.tables.ts";

// What the roadmap needs of the register: the levels, likelihood and impact of some risks of one
// organisation. Ids of other organisations' risks (or of none) are simply not returned, so a
// caller compares the result's ids with the ones it asked for to refuse unknown links.

export async function loadRiskLevels(db: DbOrTx, orgId: string, riskIds: string[]) {
  if (!riskIds.length) return [];
  return db
    .select({
      id: risks.id,
      number: risks.number,
      title: risks.title,
      status: risks.status,
      inherentLevel: risks.inherentLevel,
      inherentLikelihood: risks.inherentLikelihood,
      inherentImpact: risks.inherentImpact,
      currentLevel: risks.currentLevel,
      currentLikelihood: risks.currentLikelihood,
      currentImpact: risks.currentImpact,
      residualLevel: risks.residualLevel,
      residualLikelihood: risks.residualLikelihood,
      residualImpact: risks.residualImpact,
    })
    .from(risks)
    .where(and(eq(risks.orgId, orgId), inArray(risks.id, [...new Set(riskIds)])));
}
