import { and, eq, inArray, isNotNull, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { AppContext } from "../../platform/context.ts";
import { appendAudit } from "../../platform/audit/audit.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { queueMail } from "../../platform/mail/mailer.ts";
import { memberships, organisations, users } from "../identity/identity.tables.ts";
import { improvementActions } from "./risks.tables.ts";
import { todayInItaly } from "./action-records.ts";
import { roadmapWords } from "./roadmap-text.ts";

// "What is late" escalation: once a day, every action past its due date and neither done nor
// cancelled is mailed to its owner and to the entity's security managers (its admins when it
// has none), once per due date: lateNotifiedFor records the date mailed about, so moving the
// due date and missing it again escalates again. Mails are queued in the transaction that marks
// the actions, so a crash never loses nor doubles them.

export const LATE_ACTIONS_JOB = "roadmap.late_actions";
const BATCH = 200;

interface Recipient {
  email: string;
  name: string;
  locale: Locale;
}

async function securityManagers(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], orgId: string): Promise<Recipient[]> {
  const rows = await tx
    .select({ email: users.email, name: users.name, locale: users.locale, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ["security_manager", "admin"]), sql`${users.disabledAt} is null`));
  const managers = rows.filter((r) => r.role === "security_manager");
  return (managers.length ? managers : rows).map((r) => ({ email: r.email, name: r.name, locale: r.locale === "en" ? "en" : "it" }));
}

/** Mails every late action not yet escalated for its current due date; returns how many actions. */
export async function escalateLateActions(db: Db, publicUrl: string, today = todayInItaly()): Promise<number> {
  let escalated = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const late = await tx
        .select({ action: improvementActions, orgName: organisations.name })
        .from(improvementActions)
        .innerJoin(organisations, eq(organisations.id, improvementActions.orgId))
        .where(
          and(
            isNotNull(improvementActions.dueOn),
            sql`${improvementActions.dueOn} < ${today}`,
            notInArray(improvementActions.status, ["done", "cancelled"]),
            or(sql`${improvementActions.lateNotifiedFor} is null`, sql`${improvementActions.lateNotifiedFor} <> ${improvementActions.dueOn}`),
          ),
        )
        .orderBy(improvementActions.orgId, improvementActions.number)
        .limit(BATCH)
        .for("update", { of: improvementActions, skipLocked: true });
      if (!late.length) return true;
      const ownerIds = [...new Set(late.map((l) => l.action.ownerUserId).filter((id): id is string => id !== null))];
      const ownerOrgIds = [...new Set(late.map((l) => l.action.ownerOrgId))];
      const owners = ownerIds.length
        ? await tx.select({ id: users.id, email: users.email, name: users.name, locale: users.locale, disabledAt: users.disabledAt }).from(users).where(inArray(users.id, ownerIds))
        : [];
      const ownerOrgs = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ownerOrgIds));
      const managersOf = new Map<string, Recipient[]>();
      for (const { action, orgName } of late) {
        let managers = managersOf.get(action.orgId);
        if (!managers) managersOf.set(action.orgId, (managers = await securityManagers(tx, action.orgId)));
        const owner = owners.find((o) => o.id === action.ownerUserId && o.disabledAt === null);
        const recipients = new Map<string, Recipient>();
        if (owner) recipients.set(owner.email, { email: owner.email, name: owner.name, locale: owner.locale === "en" ? "en" : "it" });
        for (const m of managers) recipients.set(m.email, m);
        for (const r of recipients.values()) {
          const words = roadmapWords(r.locale);
          await queueMail(tx, {
            to: r.email,
            template: "roadmap_action_late",
            locale: r.locale,
            orgId: action.orgId,
            params: {
              name: r.name,
              ref: `A-${action.number}`,
              title: action.title,
              orgName,
              dueOn: action.dueOn!,
              status: words.status[action.status as keyof typeof words.status] ?? action.status,
              progress: String(action.progress),
              ownerOrgName: ownerOrgs.find((o) => o.id === action.ownerOrgId)?.name ?? "",
              // the roadmap page of the web app (web/src/app/routes.tsx)
              link: new URL("/piano", publicUrl).toString(),
            },
          });
        }
        await tx.update(improvementActions).set({ lateNotifiedFor: action.dueOn }).where(eq(improvementActions.id, action.id));
        await appendAudit(
          tx,
          { actor: null, actorLabel: "system" },
          { orgId: action.orgId, action: "roadmap.action_late_escalated", entityType: "improvement_action", entityId: action.id, after: { dueOn: action.dueOn, recipients: [...recipients.keys()] } },
        );
        escalated++;
      }
      return late.length < BATCH;
    });
    if (done) return escalated;
  }
}

/** The daily escalation job, run by whichever worker takes the schedule. */
export function registerLateActions(ctx: AppContext) {
  ctx.jobs.handle(LATE_ACTIONS_JOB, async () => {
    await escalateLateActions(ctx.db, ctx.config.publicUrl);
  });
  ctx.jobs.every(LATE_ACTIONS_JOB, LATE_ACTIONS_JOB, 86_400);
}
