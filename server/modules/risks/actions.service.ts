import { and, asc, eq, gt, ilike, inArray, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { HttpError, invalidField } from "../../platform/http/errors.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.ts";
import type { CatalogRegistry } from "../assessments/index.ts";
import { memberships, organisationRelationships } from "../identity/identity.tables.ts";
import { actionDependencies, actionGaps, actionRisks, improvementActions, risks } from "./risks.tables.ts";
import { actionPolicy, actsAsProvider, roadmapPolicy } from "./actions.policy.ts";
import { providerEditableFields, type ActionListQuery, type CreateAction, type UpdateAction } from "./actions.schemas.ts";
import { type LoadedAction, loadAction, selectActions, todayInItaly, withActionLinks } from "./action-records.ts";
import { checkDependencies } from "./action-dependencies.ts";
import { recomputeActionPriorities } from "./priority.ts";
import { checkGaps } from "./risk-records.ts";

// The improvement roadmap: actions that lower the register's risks and close the assessments'
// gaps, carried out by the entity or by its IT provider. Every change is audited in its transaction.

type Links = { riskIds?: string[] | undefined; gaps?: { assessmentId: string; requirementId: string }[] | undefined; dependsOnIds?: string[] | undefined };

/** What the audit log keeps of an action: its fields and its links. */
const auditView = (a: LoadedAction) => {
  const { ownerOrgName: _o, ownerUserName: _u, risks: linked, dependsOn, evidence, ...row } = a;
  return { ...row, riskIds: linked.map((r) => r.id), dependsOnIds: dependsOn.map((d) => d.id), evidenceIds: evidence.map((e) => e.id) };
};

/** The owner organisation is the entity or one of its IT providers; the person a member of it. */
async function checkOwners(tx: DbOrTx, orgId: string, ownerOrgId: string, ownerUserId: string | null | undefined, fields: { org: string; user: string }) {
  if (ownerOrgId !== orgId) {
    const [relationship] = await tx
      .select({ id: organisationRelationships.id })
      .from(organisationRelationships)
      .where(and(eq(organisationRelationships.kind, "provider_of"), eq(organisationRelationships.fromOrgId, ownerOrgId), eq(organisationRelationships.toOrgId, orgId)));
    if (!relationship) throw invalidField(fields.org, "owner_org_not_allowed");
  }
  if (!ownerUserId) return;
  const [member] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, ownerUserId), eq(memberships.orgId, ownerOrgId)));
  if (!member) throw invalidField(fields.user, "owner_user_not_member");
}

async function checkRisks(tx: DbOrTx, orgId: string, riskIds: string[]) {
  if (!riskIds.length) return [];
  const found = await tx.select({ id: risks.id }).from(risks).where(and(eq(risks.orgId, orgId), inArray(risks.id, riskIds)));
  const ids = new Set(found.map((r) => r.id));
  riskIds.forEach((id, i) => {
    if (!ids.has(id)) throw invalidField(`body.riskIds[${i}]`, "action_risk_unknown");
  });
  return [...ids];
}

function checkDates(startOn: string | null | undefined, dueOn: string | null | undefined) {
  if (startOn && dueOn && dueOn < startOn) throw invalidField("body.dueOn", "due_before_start");
}

async function checkLinks(tx: DbOrTx, registry: CatalogRegistry, orgId: string, actionId: string | null, links: Links) {
  if (links.gaps) await checkGaps(tx, registry, orgId, links.gaps, "body.gaps");
  return {
    riskIds: links.riskIds && (await checkRisks(tx, orgId, links.riskIds)),
    gaps: links.gaps,
    dependsOnIds: links.dependsOnIds && (await checkDependencies(tx, orgId, actionId, links.dependsOnIds, "body.dependsOnIds")),
  };
}

async function replaceLinks(tx: DbOrTx, actionId: string, links: Links) {
  if (links.riskIds) {
    await tx.delete(actionRisks).where(eq(actionRisks.actionId, actionId));
    if (links.riskIds.length) await tx.insert(actionRisks).values(links.riskIds.map((riskId) => ({ actionId, riskId })));
  }
  if (links.gaps) {
    await tx.delete(actionGaps).where(eq(actionGaps.actionId, actionId));
    if (links.gaps.length) await tx.insert(actionGaps).values(links.gaps.map((g) => ({ actionId, ...g })));
  }
  if (links.dependsOnIds) {
    await tx.delete(actionDependencies).where(eq(actionDependencies.actionId, actionId));
    if (links.dependsOnIds.length) await tx.insert(actionDependencies).values(links.dependsOnIds.map((dependsOnId) => ({ actionId, dependsOnId })));
  }
}

/** The next A-number of the organisation, under a transaction lock so two creations never share one. */
async function nextActionNumber(tx: DbOrTx, orgId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(727101, hashtext(${orgId}))`);
  const [row] = await tx.select({ max: sql<number | null>`max(${improvementActions.number})` }).from(improvementActions).where(eq(improvementActions.orgId, orgId));
  return Number(row?.max ?? 0) + 1;
}

const completion = (status: string | undefined, before: Date | null) => (status === undefined ? undefined : status === "done" ? (before ?? new Date()) : null);

export async function createAction(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, input: CreateAction, audit: AuditContext) {
  roadmapPolicy.authorize(actor, "create", { orgId });
  checkDates(input.startOn, input.dueOn);
  const { riskIds, gaps, dependsOnIds, priorityOverride, ...fields } = input;
  return db.transaction(async (tx) => {
    const ownerOrgId = input.ownerOrgId ?? orgId;
    await checkOwners(tx, orgId, ownerOrgId, input.ownerUserId, { org: "body.ownerOrgId", user: "body.ownerUserId" });
    const links = await checkLinks(tx, registry, orgId, null, { riskIds, gaps, dependsOnIds });
    const [row] = await tx
      .insert(improvementActions)
      .values({
        ...fields,
        orgId,
        ownerOrgId,
        number: await nextActionNumber(tx, orgId),
        priorityOverride: priorityOverride?.level ?? null,
        priorityOverrideReason: priorityOverride?.reason ?? null,
        completedAt: completion(input.status, null) ?? null,
      })
      .returning();
    await replaceLinks(tx, row!.id, links);
    await recomputeActionPriorities(tx, orgId, { actionIds: [row!.id] });
    const created = (await loadAction(tx, orgId, row!.id))!;
    await appendAudit(tx, audit, { orgId, action: "roadmap.action_create", entityType: "improvement_action", entityId: row!.id, after: auditView(created) });
    return created;
  });
}

export async function getAction(db: DbOrTx, actor: Actor, orgId: string, actionId: string) {
  return actionPolicy.authorize(actor, "read", await loadAction(db, orgId, actionId));
}

export async function updateAction(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, actionId: string, input: UpdateAction, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const before = actionPolicy.authorize(actor, "update", await loadAction(tx, orgId, actionId, true));
    const given = (Object.keys(input) as (keyof UpdateAction)[]).filter((k) => input[k] !== undefined);
    const planning = given.filter((k) => !(providerEditableFields as readonly string[]).includes(k));
    if (planning.length && !actionPolicy.can(actor, "plan", before)) throw new HttpError(403, "forbidden", [{ field: `body.${planning[0]}`, reason: "provider_field_not_allowed" }]);
    if (input.priorityOverride !== undefined) actionPolicy.authorize(actor, "overridePriority", before);
    checkDates(input.startOn === undefined ? before.startOn : input.startOn, input.dueOn === undefined ? before.dueOn : input.dueOn);

    const ownerOrgId = input.ownerOrgId ?? before.ownerOrgId;
    let ownerUserId = input.ownerUserId === undefined ? before.ownerUserId : input.ownerUserId;
    // a new owner organisation does not keep a person of the old one
    if (input.ownerOrgId && input.ownerOrgId !== before.ownerOrgId && input.ownerUserId === undefined) ownerUserId = null;
    await checkOwners(tx, orgId, ownerOrgId, ownerUserId, { org: "body.ownerOrgId", user: "body.ownerUserId" });
    const { riskIds, gaps, dependsOnIds, priorityOverride, ...fields } = input;
    const links = await checkLinks(tx, registry, orgId, actionId, { riskIds, gaps, dependsOnIds });

    await tx
      .update(improvementActions)
      .set({
        ...fields,
        ownerOrgId,
        ownerUserId,
        ...(priorityOverride !== undefined ? { priorityOverride: priorityOverride?.level ?? null, priorityOverrideReason: priorityOverride?.reason ?? null } : {}),
        completedAt: completion(input.status, before.completedAt),
        updatedAt: new Date(),
      })
      .where(eq(improvementActions.id, actionId));
    await replaceLinks(tx, actionId, links);
    if (links.riskIds) await recomputeActionPriorities(tx, orgId, { actionIds: [actionId] });
    const after = (await loadAction(tx, orgId, actionId))!;
    await appendAudit(tx, audit, { orgId, action: "roadmap.action_update", entityType: "improvement_action", entityId: actionId, before: auditView(before), after: auditView(after) });
    return after;
  });
}

export async function deleteAction(db: Db, actor: Actor, orgId: string, actionId: string, audit: AuditContext) {
  await db.transaction(async (tx) => {
    const before = actionPolicy.authorize(actor, "delete", await loadAction(tx, orgId, actionId, true));
    await tx.delete(improvementActions).where(eq(improvementActions.id, actionId));
    await appendAudit(tx, audit, { orgId, action: "roadmap.action_delete", entityType: "improvement_action", entityId: actionId, before: auditView(before) });
  });
}

/** Conditions shared by the list, the summary, the exports and the feed: the provider sees only its own actions. */
export function visibleActions(actor: Actor, orgId: string): SQL {
  const own = eq(improvementActions.orgId, orgId);
  return actsAsProvider(actor, orgId) ? and(own, eq(improvementActions.ownerOrgId, actor.orgId!))! : own;
}

export const lateCondition = (today: string) =>
  and(sql`${improvementActions.dueOn} < ${today}`, notInArray(improvementActions.status, ["done", "cancelled"]))!;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listActions(db: DbOrTx, actor: Actor, orgId: string, query: Omit<ActionListQuery, "limit"> & { limit?: number | undefined }) {
  roadmapPolicy.authorize(actor, "read", { orgId });
  const today = todayInItaly();
  const after = decodeCursor(query.cursor);
  const a = improvementActions;
  const filters: (SQL | undefined)[] = [
    visibleActions(actor, orgId),
    query.q ? or(ilike(a.title, likePattern(query.q)), ilike(a.description, likePattern(query.q))) : undefined,
    query.status ? eq(a.status, query.status) : undefined,
    query.csfFunction ? eq(a.csfFunction, query.csfFunction) : undefined,
    query.ownerOrgId ? eq(a.ownerOrgId, query.ownerOrgId) : undefined,
    query.late === undefined ? undefined : query.late ? lateCondition(today) : sql`not (${lateCondition(today)})`,
    query.riskId ? sql`${a.id} in (select ${actionRisks.actionId} from ${actionRisks} where ${actionRisks.riskId} = ${query.riskId})` : undefined,
    // the timeline's window: an action spans start..due (either alone when the other is missing)
    query.from ? sql`coalesce(${a.dueOn}, ${a.startOn}) >= ${query.from}` : undefined,
    query.to ? sql`coalesce(${a.startOn}, ${a.dueOn}) <= ${query.to}` : undefined,
    after && typeof after[0] === "number" ? gt(a.number, after[0]) : undefined,
  ];
  const limit = query.limit ?? 50;
  const rows = await selectActions(db)
    .where(and(...filters))
    .orderBy(asc(a.number))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const items = await withActionLinks(db, page);
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.action.number]) : null };
}
