import { and, asc, eq, gt, ilike, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.ts";
import { invalidField } from "../../platform/http/errors.ts";
import type { CatalogRegistry } from "../assessments/index.ts";
import { matrixForScoring, type RiskMatrix } from "./risk-matrix.ts";
import { checkStage, normalizeStage, riskStages, scoreStage, type RiskStage, type StageInput } from "./risk-scores.ts";
import { checkGaps, loadRisk, memberOf, nextRiskNumber, risksOfProviderActions, withLinks, type GapLink, type LoadedRisk } from "./risk-records.ts";
import { registerPolicy, riskListPolicy, riskPolicy } from "./risks.policy.ts";
import { riskGaps, riskScoreChanges, risks } from "./risks.tables.ts";
import type { CreateRisk, RiskListFilter, UpdateRisk } from "./risks.schemas.ts";
import { threatById } from "./threats.ts";
import { recomputeActionPriorities } from "./priority.ts";
import { addMonths, earlier, today } from "./review-dates.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const stageColumns = {
  inherent: { likelihood: risks.inherentLikelihood, impact: risks.inherentImpact, level: risks.inherentLevel },
  current: { likelihood: risks.currentLikelihood, impact: risks.currentImpact, level: risks.currentLevel },
  residual: { likelihood: risks.residualLikelihood, impact: risks.residualImpact, level: risks.residualLevel },
} as const;

/** The register's page: filters, then R-number order, keyset cursor. A provider gets only the risks of its actions. */
export async function listRisks(db: Db, actor: Actor, orgId: string, filter: RiskListFilter) {
  riskListPolicy.authorize(actor, "list", { orgId });
  const member = actor.orgId === orgId;
  const after = decodeCursor(filter.cursor);
  if (filter.cursor && (!after || typeof after[0] !== "number")) throw invalidField("query.cursor", "invalid_value_generic");
  const visible = member ? null : [...(await risksOfProviderActions(db, orgId, actor.orgId!))];
  if (visible && !visible.length) return { items: [], nextCursor: null };
  const q = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db
    .select()
    .from(risks)
    .where(
      and(
        eq(risks.orgId, orgId),
        visible ? sql`${risks.id} in (${sql.join(visible.map((id) => sql`${id}`), sql`, `)})` : undefined,
        q ? or(ilike(risks.title, q), ilike(risks.description, q), ilike(risks.affectedServices, q)) : undefined,
        filter.threatId ? eq(risks.threatId, filter.threatId) : undefined,
        filter.level ? eq(stageColumns[filter.stage ?? "inherent"].level, filter.level) : undefined,
        // one cell of the heat map: what a click on it lists
        filter.likelihood ? eq(stageColumns[filter.stage ?? "inherent"].likelihood, filter.likelihood) : undefined,
        filter.impact ? eq(stageColumns[filter.stage ?? "inherent"].impact, filter.impact) : undefined,
        filter.treatment ? eq(risks.treatment, filter.treatment) : undefined,
        filter.status ? eq(risks.status, filter.status) : undefined,
        filter.ownerId ? eq(risks.ownerId, filter.ownerId) : undefined,
        after ? gt(risks.number, after[0] as number) : undefined,
      ),
    )
    .orderBy(asc(risks.number))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  return { items: await withLinks(db, actor, orgId, page), nextCursor: rows.length > filter.limit ? encodeCursor([page.at(-1)!.number]) : null };
}

export async function getRisk(db: DbOrTx, actor: Actor, orgId: string, riskId: string) {
  return riskPolicy.authorize(actor, "read", await loadRisk(db, actor, orgId, riskId));
}

/** The stored jsonb and derived columns of one stage (null clears it). */
function stageValues(matrix: RiskMatrix, stage: RiskStage, input: StageInput | null) {
  const scored = input ? scoreStage(matrix, input) : null;
  return {
    [stage]: input ? normalizeStage(input) : null,
    [`${stage}Likelihood`]: scored?.likelihood ?? null,
    [`${stage}Impact`]: scored?.impact ?? null,
    [`${stage}Level`]: scored?.level ?? null,
  } as Partial<typeof risks.$inferInsert>;
}

interface ScoreChange {
  stage: RiskStage;
  before: StageInput | null;
  after: StageInput | null;
  levelBefore: string | null;
  levelAfter: string | null;
}

async function recordScoreChanges(tx: Tx, actor: Actor, riskId: string, changes: ScoreChange[], reason: string | null) {
  if (!changes.length) return;
  await tx.insert(riskScoreChanges).values(changes.map((c) => ({ riskId, ...c, changedBy: actor.userId, changedByName: actor.name, reason })));
}

async function replaceGaps(tx: Tx, riskId: string, gaps: GapLink[]) {
  await tx.delete(riskGaps).where(eq(riskGaps.riskId, riskId));
  if (gaps.length) await tx.insert(riskGaps).values(gaps.map((g) => ({ riskId, ...g })));
}

/** Checks on the parts of a create or update that need the organisation's data; throws 422 naming the field. */
async function checkReferences(tx: Tx, registry: CatalogRegistry, matrix: RiskMatrix, orgId: string, input: Partial<CreateRisk>) {
  if (input.threatId !== undefined && !threatById(input.threatId)) throw invalidField("body.threatId", "risk_threat_unknown");
  for (const stage of riskStages) {
    const value = input[stage];
    if (value) checkStage(matrix, value, `body.${stage}`);
  }
  if (input.ownerId) await memberOf(tx, orgId, input.ownerId, "body.ownerId");
  if (input.gaps) await checkGaps(tx, registry, orgId, input.gaps, "body.gaps");
}

/**
 * Treatment and acceptance together: accepting needs an approver who is a member, a reason and an
 * expiry still to come; any other treatment drops the acceptance. Returns the columns to store.
 */
async function acceptanceColumns(tx: Tx, orgId: string, treatment: string | null, input: Partial<CreateRisk>, before: LoadedRisk | null) {
  if (input.acceptance && treatment !== "accept") throw invalidField("body.acceptance", "risk_acceptance_only_when_accepted");
  const none = { acceptedBy: null, acceptedByName: null, acceptanceReason: null, acceptanceExpiresOn: null };
  if (treatment !== "accept") return none;
  if (input.acceptance) {
    const approver = await memberOf(tx, orgId, input.acceptance.approverId, "body.acceptance.approverId");
    if (input.acceptance.expiresOn <= today()) throw invalidField("body.acceptance.expiresOn", "risk_acceptance_expiry_past");
    return {
      acceptedBy: approver.id,
      acceptedByName: input.acceptance.approverName ?? approver.name,
      acceptanceReason: input.acceptance.reason,
      acceptanceExpiresOn: input.acceptance.expiresOn,
    };
  }
  if (input.acceptance === undefined && before?.treatment === "accept" && before.acceptanceReason && before.acceptanceExpiresOn) {
    return { acceptedBy: before.acceptedBy, acceptedByName: before.acceptedByName, acceptanceReason: before.acceptanceReason, acceptanceExpiresOn: before.acceptanceExpiresOn };
  }
  throw invalidField("body.acceptance", "risk_acceptance_required");
}

export async function createRisk(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, input: CreateRisk, audit: AuditContext) {
  registerPolicy.authorize(actor, "create", { orgId });
  return db.transaction(async (tx) => {
    const matrix = await matrixForScoring(tx, orgId);
    await checkReferences(tx, registry, matrix, orgId, input);
    const treatment = input.treatment ?? null;
    const acceptance = await acceptanceColumns(tx, orgId, treatment, input, null);
    const reviewEveryMonths = input.reviewEveryMonths ?? 12;
    const [row] = await tx
      .insert(risks)
      .values({
        orgId,
        number: await nextRiskNumber(tx, orgId),
        title: input.title,
        description: input.description ?? null,
        threatId: input.threatId,
        affectedServices: input.affectedServices ?? null,
        ownerId: input.ownerId ?? null,
        ...(stageValues(matrix, "inherent", input.inherent) as { inherent: unknown; inherentLikelihood: number; inherentImpact: number; inherentLevel: string }),
        ...stageValues(matrix, "current", input.current ?? null),
        ...stageValues(matrix, "residual", input.residual ?? null),
        treatment,
        treatmentNotes: input.treatmentNotes ?? null,
        ...acceptance,
        reviewEveryMonths,
        nextReviewOn: earlier(addMonths(today(), reviewEveryMonths), acceptance.acceptanceExpiresOn),
      })
      .returning();
    const changes = riskStages
      .filter((stage) => row![stage] !== null)
      .map((stage) => ({ stage, before: null, after: row![stage] as StageInput, levelBefore: null, levelAfter: row![`${stage}Level`] }));
    await recordScoreChanges(tx, actor, row!.id, changes, null);
    if (input.gaps) await replaceGaps(tx, row!.id, input.gaps);
    await appendAudit(tx, audit, { orgId, action: "risk.create", entityType: "risk", entityId: row!.id, after: { ...row, gaps: input.gaps ?? [] } });
    return row!;
  });
}

export async function updateRisk(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, riskId: string, input: UpdateRisk, audit: AuditContext) {
  return db.transaction(async (tx) => {
    // the matrix lock before the row lock, in the order a matrix change takes them, so the two never deadlock
    const matrix = await matrixForScoring(tx, orgId);
    const before = riskPolicy.authorize(actor, "update", await loadRisk(tx, actor, orgId, riskId, true));
    await checkReferences(tx, registry, matrix, orgId, input);
    const treatment = input.treatment !== undefined ? input.treatment : before.treatment;
    const acceptance = await acceptanceColumns(tx, orgId, treatment, input, before);
    const { gaps, acceptance: _acceptance, reason, inherent, current, residual, ...fields } = input;
    const stages: Partial<typeof risks.$inferInsert> = {};
    const changes: ScoreChange[] = [];
    for (const [stage, value] of [["inherent", inherent], ["current", current], ["residual", residual]] as const) {
      if (value === undefined) continue;
      const next = stageValues(matrix, stage, value);
      // jsonb hands keys back in its own order: compare the normalized scores, not the stored text
      const stored = before[stage] as StageInput | null;
      const same = JSON.stringify(next[stage]) === JSON.stringify(stored && normalizeStage(stored)) && next[`${stage}Level`] === before[`${stage}Level`];
      if (same) continue;
      Object.assign(stages, next);
      changes.push({ stage, before: before[stage] as StageInput | null, after: (next[stage] as StageInput | null) ?? null, levelBefore: before[`${stage}Level`], levelAfter: next[`${stage}Level`] ?? null });
    }
    const reviewEveryMonths = input.reviewEveryMonths ?? before.reviewEveryMonths;
    let nextReviewOn = before.nextReviewOn;
    if (input.reviewEveryMonths !== undefined && input.reviewEveryMonths !== before.reviewEveryMonths)
      nextReviewOn = addMonths(before.lastReviewedAt ? today(before.lastReviewedAt) : today(before.createdAt), reviewEveryMonths);
    if (input.acceptance) nextReviewOn = earlier(nextReviewOn, acceptance.acceptanceExpiresOn);
    const [row] = await tx
      .update(risks)
      .set({ ...fields, ...stages, ...acceptance, treatment, reviewEveryMonths, nextReviewOn, updatedAt: new Date() })
      .where(eq(risks.id, riskId))
      .returning();
    await recordScoreChanges(tx, actor, riskId, changes, reason ?? null);
    // the priority of an action is the risk reduction it buys: re-score or close a risk, and the
    // actions linked to it move in the same transaction, not at the next matrix change
    if (changes.length > 0 || row!.status !== before.status) await recomputeActionPriorities(tx, orgId, { riskIds: [riskId] });
    if (gaps) await replaceGaps(tx, riskId, gaps);
    const { linkedToCallerActions: _l, actionIds: _a, ownerName: _o, ...beforeAudit } = before;
    await appendAudit(tx, audit, { orgId, action: "risk.update", entityType: "risk", entityId: riskId, before: beforeAudit, after: { ...row, gaps: gaps ?? before.gaps, reason } });
    return row!;
  });
}

/** A periodic review done: the next one falls reviewEveryMonths from today, or at an acceptance's expiry if sooner. */
export async function reviewRisk(db: Db, actor: Actor, orgId: string, riskId: string, notes: string | undefined, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const before = riskPolicy.authorize(actor, "review", await loadRisk(tx, actor, orgId, riskId, true));
    const day = today();
    const expiry = before.treatment === "accept" && before.acceptanceExpiresOn && before.acceptanceExpiresOn > day ? before.acceptanceExpiresOn : null;
    const nextReviewOn = earlier(addMonths(day, before.reviewEveryMonths), expiry);
    const [row] = await tx
      .update(risks)
      .set({ lastReviewedAt: new Date(), nextReviewOn, reviewReminderSentOn: null, updatedAt: new Date() })
      .where(eq(risks.id, riskId))
      .returning();
    await appendAudit(tx, audit, {
      orgId,
      action: "risk.review",
      entityType: "risk",
      entityId: riskId,
      before: { lastReviewedAt: before.lastReviewedAt, nextReviewOn: before.nextReviewOn },
      after: { lastReviewedAt: row!.lastReviewedAt, nextReviewOn, notes: notes ?? null },
    });
    return row!;
  });
}

export async function riskHistory(db: Db, actor: Actor, orgId: string, riskId: string) {
  const risk = riskPolicy.authorize(actor, "history", await loadRisk(db, actor, orgId, riskId));
  return db.select().from(riskScoreChanges).where(eq(riskScoreChanges.riskId, risk.id)).orderBy(asc(riskScoreChanges.changedAt), asc(riskScoreChanges.id));
}

