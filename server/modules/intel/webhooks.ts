import { allowedNetworks, checkOutboundUrl } from "../../platform/http/outbound.ts";
import type { Config } from "../../config.ts";
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import { newSecret, seal, unseal } from "../../platform/auth/tokens.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import type { AppContext } from "../../platform/context.ts";
import { invalidField, notFound } from "../../platform/http/errors.ts";
import { enqueue } from "../../platform/jobs/queue.ts";
import { productsPolicy } from "./alerts.policy.ts";
import { intelAlerts, intelWebhooks } from "./intel-alerts.tables.ts";
import { intelAdvisories } from "./intel.tables.ts";
import { loadItems } from "./item-records.ts";
import { organisationViewers } from "./matching.ts";
import { canSee } from "./tlp.ts";

// Signed webhooks: an organisation gives a URL and gets a secret, shown once; every new alert is
// POSTed there as JSON by a job (retried with the queue's backoff while the receiver is down),
// with X-Cittadella-Timestamp and X-Cittadella-Signature: sha256=HMAC(secret, "<timestamp>.<body>")
// so the receiver can check who sent it and refuse replays. As in the mail digest, a TLP:AMBER or
// stricter advisory travels as its id, marking, title and link only.

export const WEBHOOK_JOB = "intel.webhook.deliver";
const WEBHOOK_ATTEMPTS = 10;

export function registerWebhooks(ctx: AppContext) {
  ctx.jobs.handle(WEBHOOK_JOB, async (payload) => {
    await deliverAlert(ctx.db, ctx.config, String(payload.alertId));
  });
}

export async function setWebhook(ctx: AppContext, actor: Actor, orgId: string, url: string, audit: AuditContext) {
  productsPolicy.authorize(actor, "manage", { orgId });
  // outside development a webhook may only go out over TLS
  if (ctx.config.NODE_ENV === "production" && !url.startsWith("https://")) throw invalidField("body.url", "webhook_needs_https");
  const destination = await checkOutboundUrl(url, allowedNetworks(ctx.config.OUTBOUND_ALLOW_NETWORKS));
  if (!destination.ok) throw invalidField("body.url", `outbound_${destination.reason}`);
  const secret = newSecret("whsec_");
  await ctx.db.transaction(async (tx) => {
    const row = { orgId, url, secretSealed: seal(secret, ctx.config.secretKey), createdAt: new Date() };
    await tx.insert(intelWebhooks).values(row).onConflictDoUpdate({ target: intelWebhooks.orgId, set: row });
    await appendAudit(tx, audit, { orgId, action: "intel.webhook.set", entityType: "intel_webhook", entityId: orgId, after: { url } });
  });
  return { url, secret };
}

export async function getWebhook(db: Db, actor: Actor, orgId: string) {
  productsPolicy.authorize(actor, "list", { orgId });
  const [row] = await db.select({ url: intelWebhooks.url, createdAt: intelWebhooks.createdAt }).from(intelWebhooks).where(eq(intelWebhooks.orgId, orgId));
  return row ?? null;
}

export async function removeWebhook(db: Db, actor: Actor, orgId: string, audit: AuditContext) {
  productsPolicy.authorize(actor, "manage", { orgId });
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(intelWebhooks).where(eq(intelWebhooks.orgId, orgId)).returning();
    if (!row) throw notFound();
    await appendAudit(tx, audit, { orgId, action: "intel.webhook.remove", entityType: "intel_webhook", entityId: orgId, before: { url: row.url } });
  });
}

/** Called in the transaction that records an alert: the delivery exists only if the alert does. */
export async function queueWebhook(tx: DbOrTx, orgId: string, alertId: string) {
  const [hook] = await tx.select({ orgId: intelWebhooks.orgId }).from(intelWebhooks).where(eq(intelWebhooks.orgId, orgId));
  if (hook) await enqueue(tx, WEBHOOK_JOB, { alertId }, { maxAttempts: WEBHOOK_ATTEMPTS });
}

export const signature = (secret: string, timestamp: string, body: string) => `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;

async function deliverAlert(db: Db, config: Config, alertId: string) {
  const { secretKey, publicUrl } = config;
  const [alert] = await db
    .select({ id: intelAlerts.id, orgId: intelAlerts.orgId, itemId: intelAlerts.itemId, matched: intelAlerts.matched, createdAt: intelAlerts.createdAt, severity: intelAdvisories.severity })
    .from(intelAlerts)
    .leftJoin(intelAdvisories, eq(intelAdvisories.itemId, intelAlerts.itemId))
    .where(eq(intelAlerts.id, alertId));
  if (!alert) return;
  const [hook] = await db.select().from(intelWebhooks).where(eq(intelWebhooks.orgId, alert.orgId));
  const [record] = await loadItems(db, [alert.itemId]);
  const [viewer] = await organisationViewers(db, secretKey, [alert.orgId]);
  // the hook was removed, or the advisory withdrawn or narrowed since: nothing to say any more
  if (!hook || !record || record.row.status !== "published" || !canSee(viewer!, record.sharing)) return;
  const tlp = record.sharing.tlp;
  const advisory = { id: record.row.id, stixId: record.row.stixId, tlp, title: record.row.title, link: new URL(`/condivisione/${record.row.id}`, publicUrl).toString() };
  const full = tlp === "clear" || tlp === "green";
  const body = JSON.stringify({
    event: "intel.alert",
    alertId: alert.id,
    createdAt: alert.createdAt.toISOString(),
    advisory: full ? { ...advisory, severity: alert.severity } : advisory,
    ...(full ? { matchedProducts: alert.matched } : {}),
  });
  // checked again at each call: the name may resolve elsewhere now than when it was saved
  const destination = await checkOutboundUrl(hook.url, allowedNetworks(config.OUTBOUND_ALLOW_NETWORKS));
  if (!destination.ok) throw new Error(`webhook destination refused: ${destination.reason}`);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(hook.url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-cittadella-timestamp": timestamp, "x-cittadella-signature": signature(unseal(hook.secretSealed, secretKey), timestamp, body) },
    body,
    redirect: "error",
    signal: AbortSignal.timeout(10_000),
  });
  // anything but 2xx is a failed attempt: the job queue retries it with backoff
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}
