import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { invalidField, notFound } from "../../platform/http/errors.ts";
import { productsPolicy } from "./alerts.policy.ts";
import { intelOrgProducts } from "./intel-alerts.tables.ts";
import { parseCpe } from "./versions.ts";

// The products an organisation runs, which advisories are matched against (matching.ts). Vendor and
// product are lower-cased like the advisories'; a CPE fills in whatever was not typed.

export interface ProductInput {
  vendor?: string | undefined;
  product?: string | undefined;
  version?: string | null | undefined;
  cpe?: string | null | undefined;
}

export type ProductRow = typeof intelOrgProducts.$inferSelect;

export async function listProducts(db: Db, actor: Actor, orgId: string) {
  productsPolicy.authorize(actor, "list", { orgId });
  return db.select().from(intelOrgProducts).where(eq(intelOrgProducts.orgId, orgId)).orderBy(asc(intelOrgProducts.vendor), asc(intelOrgProducts.product), asc(intelOrgProducts.createdAt));
}

export async function addProduct(db: Db, actor: Actor, orgId: string, input: ProductInput, audit: AuditContext): Promise<ProductRow> {
  productsPolicy.authorize(actor, "manage", { orgId });
  const fromCpe = input.cpe ? parseCpe(input.cpe) : null;
  if (input.cpe && !fromCpe) throw invalidField("body.cpe", "cpe_invalid");
  const vendor = (input.vendor?.trim() || fromCpe?.vendor || "").toLowerCase();
  const product = (input.product?.trim() || fromCpe?.product || "").toLowerCase();
  if (!vendor) throw invalidField("body.vendor", "required");
  if (!product) throw invalidField("body.product", "required");
  const version = input.version?.trim() || fromCpe?.version || null;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(intelOrgProducts).values({ orgId, vendor, product, version, cpe: input.cpe?.trim() || null }).returning();
    await appendAudit(tx, audit, { orgId, action: "intel.product.add", entityType: "intel_product", entityId: row!.id, after: { vendor, product, version, cpe: row!.cpe } });
    return row!;
  });
}

export async function removeProduct(db: Db, actor: Actor, orgId: string, productId: string, audit: AuditContext) {
  productsPolicy.authorize(actor, "manage", { orgId });
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(intelOrgProducts).where(and(eq(intelOrgProducts.id, productId), eq(intelOrgProducts.orgId, orgId))).returning();
    if (!row) throw notFound();
    await appendAudit(tx, audit, { orgId, action: "intel.product.remove", entityType: "intel_product", entityId: row.id, before: { vendor: row.vendor, product: row.product, version: row.version, cpe: row.cpe } });
  });
}
