import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { appendAudit } from "../../platform/audit/audit.ts";
import type { AppContext } from "../../platform/context.ts";
import { queueMail } from "../../platform/mail/mailer.ts";
import { memberships, organisations, users } from "../identity/identity.tables.ts";
import { riskRef } from "./risks.presenter.ts";
import { risks } from "./risks.tables.ts";
import { today } from "./review-dates.ts";

// The daily review reminder: every open risk whose review date has come is mailed once for that
// date, to its owner, or to the organisation's admins and security managers when it has none
// (or the owner has left). One message per person lists all their due risks, so nobody gets
// twenty mails on the day a register's reviews fall due together.

export const REVIEW_REMINDER_JOB = "risks.review_reminders";

interface DueRisk {
  id: string;
  orgId: string;
  number: number;
  title: string;
  nextReviewOn: string;
  ownerId: string | null;
}

type Recipient = { id: string; email: string; name: string; locale: string };

async function managersOf(db: DbOrTx, orgId: string): Promise<Recipient[]> {
  return db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ["admin", "security_manager"])));
}

/** Sends the reminders due on `day` (today unless a caller says otherwise); returns how many mails were queued. */
export async function sendReviewReminders(db: Db, publicUrl: string, day = today()): Promise<number> {
  const due: DueRisk[] = await db
    .select({ id: risks.id, orgId: risks.orgId, number: risks.number, title: risks.title, nextReviewOn: sql<string>`${risks.nextReviewOn}`, ownerId: risks.ownerId })
    .from(risks)
    .where(
      and(
        eq(risks.status, "open"),
        lte(risks.nextReviewOn, day),
        or(isNull(risks.reviewReminderSentOn), sql`${risks.reviewReminderSentOn} < ${risks.nextReviewOn}`),
      ),
    )
    .orderBy(risks.orgId, risks.number);
  let queued = 0;
  for (const orgId of [...new Set(due.map((r) => r.orgId))]) {
    const ofOrg = due.filter((r) => r.orgId === orgId);
    queued += await db.transaction(async (tx) => {
      const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
      const ownerIds = [...new Set(ofOrg.map((r) => r.ownerId).filter((id): id is string => !!id))];
      const owners = ownerIds.length
        ? await tx
            .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, ownerIds)))
        : [];
      const managers = ofOrg.some((r) => !owners.some((o) => o.id === r.ownerId)) ? await managersOf(tx, orgId) : [];
      const byRecipient = new Map<string, { to: Recipient; risks: DueRisk[] }>();
      for (const risk of ofOrg) {
        const owner = owners.find((o) => o.id === risk.ownerId);
        for (const to of owner ? [owner] : managers) {
          const entry = byRecipient.get(to.id) ?? { to, risks: [] };
          entry.risks.push(risk);
          byRecipient.set(to.id, entry);
        }
      }
      for (const { to, risks: list } of byRecipient.values()) {
        const locale = to.locale === "en" ? "en" : "it";
        await queueMail(tx, {
          to: to.email,
          template: "risk_review_due",
          locale,
          orgId,
          params: {
            name: to.name,
            orgName: org?.name ?? "",
            count: String(list.length),
            list: list.map((r) => `- ${riskRef(r.number)} ${r.title} (${r.nextReviewOn})`).join("\n"),
            link: `${publicUrl.replace(/\/$/, "")}/rischi`,
          },
        });
      }
      await tx.update(risks).set({ reviewReminderSentOn: day }).where(inArray(risks.id, ofOrg.map((r) => r.id)));
      await appendAudit(tx, { actor: null, actorLabel: "system" }, {
        orgId,
        action: "risk.review_reminder",
        entityType: "risk",
        after: { day, risks: ofOrg.map((r) => riskRef(r.number)), recipients: [...byRecipient.values()].map((e) => e.to.email) },
      });
      return byRecipient.size;
    });
  }
  return queued;
}

export function registerReviewReminders(ctx: AppContext) {
  ctx.jobs.handle(REVIEW_REMINDER_JOB, async () => {
    await sendReviewReminders(ctx.db, ctx.config.publicUrl);
  });
  ctx.jobs.every(REVIEW_REMINDER_JOB, REVIEW_REMINDER_JOB, 86_400);
}
