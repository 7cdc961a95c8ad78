import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { ActorResolver } from "../../platform/auth/authenticate.ts";
import { newSecret, sha256 } from "../../platform/auth/tokens.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { notFound } from "../../platform/http/errors.ts";
import { fillTemplate } from "../../platform/i18n/template.ts";
import { organisations } from "../identity/identity.tables.ts";
import { improvementActions } from "./risks.tables.ts";
import { roadmapCalendarFeeds } from "./roadmap.tables.ts";
import { roadmapPolicy } from "./actions.policy.ts";
import { selectActions } from "./action-records.ts";
import { visibleActions } from "./actions.service.ts";
import { writeCalendar } from "./icalendar.ts";
import { roadmapWords } from "./roadmap-text.ts";

// The roadmap's due dates as a calendar people subscribe to. Calendar apps send no cookies, so
// the URL carries a secret made for one person and organisation, shown once and stored hashed.
// Every fetch acts as that person with read-only rights as they stand now: someone who left the
// organisation, or a provider no longer its provider, gets 404 like a revoked feed.

export const feedPath = (token: string) => `/api/calendar/${token}/roadmap.ics`;

/** Makes a new feed for the caller, replacing theirs if they had one; the URL is shown only now. */
export async function createCalendarFeed(db: Db, publicUrl: string, actor: Actor, orgId: string, audit: AuditContext) {
  roadmapPolicy.authorize(actor, "read", { orgId });
  const token = newSecret("cal_");
  await db.transaction(async (tx) => {
    const old = await tx
      .delete(roadmapCalendarFeeds)
      .where(and(eq(roadmapCalendarFeeds.orgId, orgId), eq(roadmapCalendarFeeds.userId, actor.userId)))
      .returning({ id: roadmapCalendarFeeds.id });
    const [row] = await tx.insert(roadmapCalendarFeeds).values({ orgId, userId: actor.userId, actingOrgId: actor.orgId!, tokenHash: sha256(token) }).returning({ id: roadmapCalendarFeeds.id });
    await appendAudit(tx, audit, { orgId, action: "roadmap.calendar_feed_create", entityType: "roadmap_calendar_feed", entityId: row!.id, after: { replaced: old.map((o) => o.id) } });
  });
  return { url: new URL(feedPath(token), publicUrl).toString() };
}

/** Stops the caller's feed: its URL answers 404 from now on. */
export async function revokeCalendarFeed(db: Db, actor: Actor, orgId: string, audit: AuditContext) {
  roadmapPolicy.authorize(actor, "read", { orgId });
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(roadmapCalendarFeeds)
      .where(and(eq(roadmapCalendarFeeds.orgId, orgId), eq(roadmapCalendarFeeds.userId, actor.userId)))
      .returning({ id: roadmapCalendarFeeds.id });
    if (!removed.length) throw notFound();
    await appendAudit(tx, audit, { orgId, action: "roadmap.calendar_feed_revoke", entityType: "roadmap_calendar_feed", entityId: removed[0]!.id });
  });
}

/** The calendar behind a feed token; 404 for an unknown, replaced or revoked token. */
export async function renderCalendarFeed(db: Db, resolveActor: ActorResolver, token: string): Promise<string> {
  const [feed] = await db.select().from(roadmapCalendarFeeds).where(eq(roadmapCalendarFeeds.tokenHash, sha256(token)));
  if (!feed) throw notFound();
  const resolved = await resolveActor.forUser(feed.userId, feed.actingOrgId);
  if (!resolved || resolved.orgId !== feed.actingOrgId) throw notFound();
  const { adminMfaRequired: _ignored, ...rest } = resolved;
  const actor: Actor = { ...rest, via: "token", scopes: ["risks:read"] };
  if (!roadmapPolicy.can(actor, "read", { orgId: feed.orgId })) throw notFound();
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, feed.orgId));
  const rows = await selectActions(db)
    .where(and(visibleActions(actor, feed.orgId), isNotNull(improvementActions.dueOn)))
    .orderBy(asc(improvementActions.dueOn), asc(improvementActions.number));
  await db.update(roadmapCalendarFeeds).set({ lastUsedAt: new Date() }).where(eq(roadmapCalendarFeeds.id, feed.id));
  const words = roadmapWords(actor.locale);
  return writeCalendar(
    fillTemplate(words.calendarName, { org: org?.name ?? "" }),
    rows.map(({ action, ownerOrgName, ownerUserName }) => ({
      uid: `${action.id}@cittadella`,
      date: action.dueOn!,
      summary: `A-${action.number} ${action.title}`,
      description: [
        `${words.columns.status}: ${words.status[action.status as keyof typeof words.status] ?? action.status} (${action.progress}%)`,
        `${words.columns.priority}: ${words.priority[(action.priorityOverride ?? action.derivedPriority) as keyof typeof words.priority] ?? ""}`,
        `${words.columns.ownerOrg}: ${ownerOrgName}${ownerUserName ? ` - ${ownerUserName}` : ""}`,
        ...(action.description ? ["", action.description] : []),
      ].join("\n"),
      status: action.status === "cancelled" ? ("CANCELLED" as const) : ("CONFIRMED" as const),
      stamp: action.updatedAt,
    })),
  );
}
