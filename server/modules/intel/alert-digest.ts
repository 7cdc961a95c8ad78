import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { appendAudit } from "../../platform/audit/audit.ts";
import type { AppContext } from "../../platform/context.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { queueMail } from "../../platform/mail/mailer.ts";
import { memberships, organisations, users } from "../identity/identity.tables.ts";
import { intelAlerts } from "./intel-alerts.tables.ts";
import { intelAdvisories } from "./intel.tables.ts";
import { loadItems } from "./item-records.ts";
import { organisationViewers } from "./matching.ts";
import { canSee, type Tlp } from "./tlp.ts";

// The daily mail of new alerts to each organisation's security managers (its admins when it has
// none). Each alert is mailed once. TLP decides what the mail may carry: every line is checked
// against the person it goes to (canSee), and for AMBER and stricter the mail names the advisory
// and links to it, nothing more: a mailbox is not a place TLP:AMBER content may be copied to.

export const ALERT_DIGEST_JOB = "intel.alert-digest";

const severityWords: Record<Locale, Record<string, string>> = {
  it: { low: "gravità bassa", medium: "gravità media", high: "gravità alta", critical: "gravità critica" },
  en: { low: "low severity", medium: "medium severity", high: "high severity", critical: "critical severity" },
};
const productsWord: Record<Locale, string> = { it: "prodotti", en: "products" };
const mailable: Tlp[] = ["clear", "green"];

export function registerAlertDigest(ctx: AppContext) {
  ctx.jobs.handle(ALERT_DIGEST_JOB, async () => {
    await mailAlertDigests(ctx.db, ctx.config.secretKey, ctx.config.publicUrl);
  });
  ctx.jobs.every(ALERT_DIGEST_JOB, ALERT_DIGEST_JOB, 86_400);
}

async function recipientsOf(tx: DbOrTx, orgId: string) {
  const rows = await tx
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ["security_manager", "admin"]), sql`${users.disabledAt} is null`));
  const managers = rows.filter((r) => r.role === "security_manager");
  return (managers.length ? managers : rows).map((r) => ({ ...r, locale: (r.locale === "en" ? "en" : "it") as Locale }));
}

/** Mails every organisation its alerts not mailed yet; returns how many mails were queued. */
export async function mailAlertDigests(db: Db, secretKey: string, publicUrl: string): Promise<number> {
  const pending = await db.selectDistinct({ orgId: intelAlerts.orgId }).from(intelAlerts).where(isNull(intelAlerts.mailedAt));
  let mails = 0;
  for (const { orgId } of pending) {
    mails += await db.transaction(async (tx) => {
      const alerts = await tx
        .select({ id: intelAlerts.id, itemId: intelAlerts.itemId, matched: intelAlerts.matched, severity: intelAdvisories.severity })
        .from(intelAlerts)
        .leftJoin(intelAdvisories, eq(intelAdvisories.itemId, intelAlerts.itemId))
        .where(and(eq(intelAlerts.orgId, orgId), isNull(intelAlerts.mailedAt)))
        .orderBy(intelAlerts.createdAt)
        .for("update", { of: intelAlerts, skipLocked: true });
      if (!alerts.length) return 0;
      const records = new Map((await loadItems(tx, alerts.map((a) => a.itemId))).map((r) => [r.row.id, r]));
      const [viewer] = await organisationViewers(tx, secretKey, [orgId]);
      const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
      let queued = 0;
      for (const person of await recipientsOf(tx, orgId)) {
        const lines = alerts.flatMap((alert) => {
          const record = records.get(alert.itemId);
          if (!record || record.row.status !== "published" || !canSee({ ...viewer!, userId: person.id }, record.sharing)) return [];
          const link = new URL(`/condivisione/${alert.itemId}`, publicUrl).toString();
          const tlp = record.sharing.tlp as Tlp;
          const head = `- TLP:${tlp.toUpperCase()} · ${record.row.title}`;
          if (!mailable.includes(tlp)) return [`${head}\n  ${link}`];
          const severity = alert.severity ? ` · ${severityWords[person.locale][alert.severity] ?? alert.severity}` : "";
          return [`${head}${severity} · ${productsWord[person.locale]}: ${alert.matched.join(", ")}\n  ${link}`];
        });
        if (!lines.length) continue;
        await queueMail(tx, {
          to: person.email,
          template: "intel_alert_digest",
          locale: person.locale,
          orgId,
          params: { name: person.name, orgName: org?.name ?? "", count: String(lines.length), list: lines.join("\n"), link: new URL("/condivisione", publicUrl).toString() },
        });
        queued++;
      }
      await tx.update(intelAlerts).set({ mailedAt: new Date() }).where(inArray(intelAlerts.id, alerts.map((a) => a.id)));
      await appendAudit(tx, { actor: null, actorLabel: "system" }, { orgId, action: "intel.alert_digest_mailed", entityType: "organisation", entityId: orgId, after: { alerts: alerts.length, mails: queued } });
      return queued;
    });
  }
  return mails;
}
