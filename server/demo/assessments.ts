import type { DbOrTx } from "../db/client.ts";
import { appendAudit } from "../platform/audit/audit.ts";
import { shippedCatalogs } from "./shipped-catalogs.ts";
import { assessableRequirements } from "../modules/assessments/scoring.ts";
import { assessmentAnswerComments, assessmentAnswers, assessmentEvidence, assessmentAssignees, assessments } from "../modules/assessments/assessments.tables.ts";

// The demo comune's ACN "importanti" assessments: last year's, approved, and this year's draft
// started from it, partly assigned to the IT provider. The answers are varied but deterministic
// (derived from the requirement id), so scores, trends and gaps show real content on every start.

const FRAMEWORK = "acn-nis2-misure-base";
const LEVEL = "importanti";

// a small comune: governance on paper, protection half done, detection and recovery weak
const baseline: Record<string, number> = { GV: 2, ID: 2, PR: 3, DE: 1, RS: 2, RC: 1 };
// the requirements the IT provider looks after this year
const providerFamilies = ["PR.AA", "PR.DS", "PR.PS", "PR.IR", "DE.CM"];
const notApplicable: Record<string, string> = {
  "GV.SC-07.1": "Nessun fornitore critico oltre al fornitore IT, già valutato nel contratto.",
};
const notes = [
  "Procedura scritta, da approvare in giunta.",
  "Verificato con il fornitore IT durante il sopralluogo.",
  "Manca un registro aggiornato.",
  "Coperto dal contratto di assistenza; serve evidenza periodica.",
  null,
  null,
];

/** A stable number 0..n-1 from a string: the same id always gets the same answer. */
function pick(id: string, salt: number, n: number) {
  let h = salt;
  for (const char of id) h = (h * 31 + char.charCodeAt(0)) >>> 0;
  return h % n;
}

type Status = "implemented" | "partial" | "not_implemented" | "not_applicable";
const statusOf = (current: number, target: number): Status => (current >= target ? "implemented" : current >= 2 ? "partial" : "not_implemented");

interface DemoPeople {
  comuneId: string;
  ownerId: string;
  approverId: string;
  approverName: string;
  providerUserId: string;
}

export async function seedDemoAssessments(tx: DbOrTx, people: DemoPeople) {
  const catalog = (await shippedCatalogs()).get(FRAMEWORK);
  // no shipped catalog (e.g. a trimmed install): the rest of the demo still works
  if (!catalog) return;
  const requirements = assessableRequirements(catalog, LEVEL).map((r) => r.node.id);
  const year = new Date().getUTCFullYear();
  const lastYear = new Date(Date.UTC(year - 1, 10, 14, 10));
  const approvedAt = new Date(Date.UTC(year - 1, 11, 12, 11));

  const [approved] = await tx
    .insert(assessments)
    .values({
      orgId: people.comuneId,
      frameworkId: FRAMEWORK,
      level: LEVEL,
      title: `Misure di base NIS2 ${year - 1}`,
      targetDate: `${year - 1}-12-31`,
      ownerId: people.ownerId,
      status: "approved",
      approvedBy: people.approverId,
      approvedByName: people.approverName,
      approvedAt,
      sharedUpward: true,
      createdAt: lastYear,
      updatedAt: approvedAt,
    })
    .returning();
  const [draft] = await tx
    .insert(assessments)
    .values({
      orgId: people.comuneId,
      frameworkId: FRAMEWORK,
      level: LEVEL,
      title: `Misure di base NIS2 ${year}`,
      targetDate: `${year}-12-31`,
      ownerId: people.ownerId,
      previousId: approved!.id,
    })
    .returning();
  const providerIds = requirements.filter((id) => providerFamilies.some((family) => id.startsWith(`${family}-`)));
  await tx.insert(assessmentAssignees).values({ assessmentId: draft!.id, userId: people.providerUserId, requirementIds: providerIds });

  const lastAnswers = requirements.map((id) => {
    const target = pick(id, 7, 4) === 0 ? 4 : 3;
    const current = Math.max(1, Math.min(target, (baseline[id.slice(0, 2)] ?? 2) + pick(id, 3, 3) - 1));
    const reason = notApplicable[id];
    return {
      assessmentId: approved!.id,
      requirementId: id,
      status: reason ? ("not_applicable" as const) : statusOf(current, target),
      reason: reason ?? null,
      currentMaturity: reason ? null : current,
      targetMaturity: reason ? null : target,
      notes: notes[pick(id, 11, notes.length)] ?? null,
      answeredBy: people.ownerId,
      answeredAt: approvedAt,
    };
  });
  await tx.insert(assessmentAnswers).values(lastAnswers);

  // this year: about two thirds reviewed so far, some improved; the provider answered part of its own
  const now = new Date();
  const thisYear = lastAnswers
    .filter((a) => pick(a.requirementId, 5, 3) !== 0)
    .map((a) => {
      const improved = a.currentMaturity !== null && a.targetMaturity !== null && pick(a.requirementId, 13, 2) === 0;
      const current = improved ? Math.min(a.targetMaturity!, a.currentMaturity! + 1) : a.currentMaturity;
      const byProvider = providerIds.includes(a.requirementId);
      return {
        ...a,
        assessmentId: draft!.id,
        status: a.reason ? a.status : statusOf(current!, a.targetMaturity!),
        currentMaturity: current,
        answeredBy: byProvider ? people.providerUserId : people.ownerId,
        answeredAt: now,
      };
    });
  await tx.insert(assessmentAnswers).values(thisYear);
  const discussed = providerIds[0];
  if (discussed) {
    await tx.insert(assessmentAnswerComments).values([
      { assessmentId: draft!.id, requirementId: discussed, authorId: people.ownerId, authorName: "Sergio Sicurezza", body: "L'autenticazione a più fattori è attiva anche per gli amministratori di sistema?", createdAt: new Date(now.getTime() - 86_400_000) },
      { assessmentId: draft!.id, requirementId: discussed, authorId: people.providerUserId, authorName: "Tommaso Tecnico", body: "Sì, da settembre; allego l'estratto della configurazione.", createdAt: now },
    ]);
  }
  // one evidence still valid, one expired, so the flag shows
  const governed = requirements.find((id) => id.startsWith("GV.")) ?? requirements[0]!;
  await tx.insert(assessmentEvidence).values([
    { assessmentId: draft!.id, requirementId: governed, title: "Delibera di giunta sul referente per la cybersicurezza", url: "https://www.comune.demo.example.it/albo/delibera-42", expiresOn: `${year + 1}-12-31`, addedBy: people.ownerId },
    { assessmentId: draft!.id, requirementId: governed, title: "Organigramma della sicurezza (versione precedente)", url: "https://www.comune.demo.example.it/albo/organigramma", expiresOn: `${year - 1}-06-30`, addedBy: people.ownerId },
  ]);
  await appendAudit(tx, { actor: null, actorLabel: "demo" }, { orgId: people.comuneId, action: "demo.seed_assessments", entityType: "assessment", entityId: draft!.id });
}
