import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import type { AuditContext } from "../../platform/audit/audit.ts";
import { academyCertificates, academyProgress } from "./academy.tables.ts";
import type { LoadedPath, PathModule } from "./path-content.ts";
import { issueCertificate } from "./certificates.service.ts";
import { recordStatements, type LearningEvent, type StatementContext } from "./xapi.ts";

// Progress is kept per learner and path slug: items (article read, quiz passed or failed,
// exercise done), then the modules and the path they complete. A module is complete when its rule
// holds (every item, or every quiz passed) and its prerequisites are complete; the path when every
// module is. Completing the path issues the certificate, in the same transaction.

export type ProgressRow = typeof academyProgress.$inferSelect;
export type ItemStatus = "completed" | "passed" | "failed";

const DONE = new Set(["completed", "passed"]);

export function statementContext(publicUrl: string, actor: Actor, path: LoadedPath): StatementContext {
  return {
    publicUrl,
    userId: actor.userId,
    orgId: actor.role !== null ? actor.orgId : null,
    path: { slug: path.row.slug, title: path.content.title, language: path.row.language, version: path.row.version },
  };
}

export async function progressRows(db: DbOrTx, userId: string, slug: string): Promise<ProgressRow[]> {
  return db
    .select()
    .from(academyProgress)
    .where(and(eq(academyProgress.userId, userId), eq(academyProgress.pathSlug, slug)));
}

/** The modules complete given what is done, walked in order so prerequisites come first. */
export function completeModules(path: LoadedPath, rows: readonly Pick<ProgressRow, "kind" | "itemId" | "status">[]): Set<string> {
  const doneItems = new Set(rows.filter((r) => r.kind === "item" && DONE.has(r.status)).map((r) => r.itemId));
  const complete = new Set<string>();
  for (const module of path.content.modules) {
    if (!module.prerequisites.every((p) => complete.has(p))) continue;
    const needed = module.completion === "pass_quiz" ? module.items.filter((i) => i.kind === "quiz") : module.items;
    if (needed.every((i) => doneItems.has(i.id))) complete.add(module.id);
  }
  return complete;
}

/** Prerequisites of a module the learner has not completed yet. */
export function missingPrerequisites(path: LoadedPath, module: PathModule, rows: readonly ProgressRow[]): string[] {
  const complete = completeModules(path, rows);
  return module.prerequisites.filter((p) => !complete.has(p));
}

export interface Outcome {
  itemId: string;
  status: ItemStatus;
  scorePercent?: number;
}

/**
 * Records what a learner did on one item, what it completes, and the xAPI statements of it all,
 * in the caller's transaction: one upsert, then (only when the item is now done) one read of the
 * learner's progress on the path and the rows it completes.
 */
export async function recordOutcome(
  tx: Tx,
  publicUrl: string,
  actor: Actor,
  path: LoadedPath,
  outcome: Outcome,
  events: LearningEvent[],
  audit: AuditContext,
  at = new Date(),
) {
  const slug = path.row.slug;
  const done = DONE.has(outcome.status);
  await tx
    .insert(academyProgress)
    .values({
      userId: actor.userId,
      pathSlug: slug,
      kind: "item",
      itemId: outcome.itemId,
      pathId: path.row.id,
      status: outcome.status,
      score: outcome.scorePercent ?? null,
      completedAt: done ? at : null,
      updatedAt: at,
    })
    .onConflictDoUpdate({
      target: [academyProgress.userId, academyProgress.pathSlug, academyProgress.kind, academyProgress.itemId],
      // once passed, a later failed attempt does not undo it; the best score stays
      set: {
        status: sql`case when ${academyProgress.status} in ('passed', 'completed') then ${academyProgress.status} else excluded.status end`,
        score: sql`greatest(${academyProgress.score}, excluded.score)`,
        completedAt: sql`coalesce(${academyProgress.completedAt}, excluded.completed_at)`,
        pathId: sql`excluded.path_id`,
        updatedAt: sql`excluded.updated_at`,
      },
    });

  const completed = done ? newCompletions(path, await progressRows(tx, actor.userId, slug)) : { modules: [], path: false };
  const recorded = await recordCompletions(tx, actor, path, completed, audit, at);
  await recordStatements(tx, statementContext(publicUrl, actor, path), [...events, ...recorded.events], at);
  return { modules: completed.modules, path: completed.path, certificateCode: recorded.certificateCode };
}

export interface Completions {
  /** modules complete now and not recorded before */
  modules: string[];
  /** the path complete now and not recorded before */
  path: boolean;
}

type ProgressState = Pick<ProgressRow, "kind" | "itemId" | "status">;

/** What the learner's progress completes that is not recorded yet. */
export function newCompletions(path: LoadedPath, rows: readonly ProgressState[]): Completions {
  const already = new Set(rows.filter((r) => r.kind === "module").map((r) => r.itemId));
  const complete = completeModules(path, rows);
  return {
    modules: path.content.modules.filter((m) => complete.has(m.id) && !already.has(m.id)).map((m) => m.id),
    path: complete.size === path.content.modules.length && !rows.some((r) => r.kind === "path"),
  };
}

/**
 * Records modules and a path completed (rows, and the certificate for a path), returning the
 * learning events to state; the caller stores them with its own.
 */
export async function recordCompletions(tx: Tx, actor: Actor, path: LoadedPath, completed: Completions, audit: AuditContext, at: Date) {
  const slug = path.row.slug;
  const events: LearningEvent[] = [];
  let certificateCode: string | null = null;
  const fresh = [...completed.modules.map((id) => ({ kind: "module", itemId: id })), ...(completed.path ? [{ kind: "path", itemId: slug }] : [])];
  if (!fresh.length) return { events, certificateCode };
  await tx
    .insert(academyProgress)
    .values(fresh.map((f) => ({ userId: actor.userId, pathSlug: slug, kind: f.kind, itemId: f.itemId, pathId: path.row.id, status: "completed", completedAt: at, updatedAt: at })))
    .onConflictDoNothing();
  for (const id of completed.modules) {
    const module = path.content.modules.find((m) => m.id === id)!;
    events.push({ verb: "completed", object: { kind: "module", id, title: module.title }, result: { completion: true } });
  }
  if (completed.path) {
    events.push({ verb: "completed", object: { kind: "path", id: slug, title: path.content.title }, result: { completion: true } });
    certificateCode = await issueCertificate(tx, actor, path, audit, at);
  }
  return { events, certificateCode };
}

/** The learner's progress on a path: items, modules (complete, locked) and the certificate. */
export async function pathProgress(db: DbOrTx, actor: Actor, path: LoadedPath) {
  const rows = await progressRows(db, actor.userId, path.row.slug);
  const byItem = new Map(rows.filter((r) => r.kind === "item").map((r) => [r.itemId, r]));
  const moduleRows = new Map(rows.filter((r) => r.kind === "module").map((r) => [r.itemId, r]));
  const complete = completeModules(path, rows);
  const pathRow = rows.find((r) => r.kind === "path");
  const [certificate] = await db
    .select({ code: academyCertificates.code, issuedAt: academyCertificates.issuedAt, id: academyCertificates.id })
    .from(academyCertificates)
    .where(and(eq(academyCertificates.userId, actor.userId), eq(academyCertificates.pathSlug, path.row.slug)));
  return {
    pathSlug: path.row.slug,
    completed: !!pathRow,
    completedAt: pathRow?.completedAt?.toISOString() ?? null,
    certificate: certificate ? { id: certificate.id, code: certificate.code, issuedAt: certificate.issuedAt.toISOString() } : null,
    modules: path.content.modules.map((m) => ({
      id: m.id,
      completed: moduleRows.has(m.id) || complete.has(m.id),
      completedAt: moduleRows.get(m.id)?.completedAt?.toISOString() ?? null,
      locked: !m.prerequisites.every((p) => complete.has(p)),
      items: m.items.map((i) => {
        const row = byItem.get(i.id);
        return { id: i.id, status: (row?.status ?? "not_started") as ItemStatus | "not_started", score: row?.score ?? null, completedAt: row?.completedAt?.toISOString() ?? null };
      }),
    })),
  };
}

export const modulesNamed = (path: LoadedPath, ids: string[]) =>
  ids.map((id) => path.content.modules.find((m) => m.id === id)?.title ?? id).join(", ");
