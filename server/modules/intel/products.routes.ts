import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { OkSchema } from "../../platform/http/ok-reply.ts";
import { addProduct, listProducts, removeProduct, type ProductRow } from "./products.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 422: errorReplySchema };
const tags = ["intel"];
const OrgParams = z.strictObject({ orgId: z.uuid() });
const ProductParams = z.strictObject({ orgId: z.uuid(), intelProductId: z.uuid() });

const ProductInputSchema = z.strictObject({
  vendor: z.string().trim().min(1).max(200).optional(),
  product: z.string().trim().min(1).max(200).optional(),
  version: z.string().trim().max(100).regex(/^[0-9A-Za-z][0-9A-Za-z.\-_+]*$/).nullable().optional(),
  /** CPE 2.3 name; vendor, product and version are read from it when not given */
  cpe: z.string().trim().max(500).nullable().optional(),
});

const ProductSchema = z.object({ id: z.uuid(), vendor: z.string(), product: z.string(), version: z.string().nullable(), cpe: z.string().nullable(), createdAt: z.iso.datetime() }).meta({ id: "IntelProduct" });
const present = (row: ProductRow) => ({ id: row.id, vendor: row.vendor, product: row.product, version: row.version, cpe: row.cpe, createdAt: row.createdAt.toISOString() });

/** The products an organisation runs, matched against published advisories. */
export const productsRoutes: RoutesPlugin = async (app, { ctx }) => {
  const base = "/api/orgs/:orgId/intel/products";
  app.get(base, { schema: { tags, summary: "The products the organisation runs, matched against advisories", params: OrgParams, response: { 200: z.object({ items: z.array(ProductSchema) }), ...errors } } }, async (request) => ({
    items: (await listProducts(ctx.db, requireActor(request), request.params.orgId)).map(present),
  }));

  app.post(
    base,
    { schema: { tags, summary: "Add a product the organisation runs: vendor, product and version, or a CPE 2.3 name", params: OrgParams, body: ProductInputSchema, response: { 201: ProductSchema, ...errors } } },
    async (request, reply) => {
      const row = await addProduct(ctx.db, requireActor(request), request.params.orgId, request.body, auditContextOf(request));
      reply.status(201);
      return present(row);
    },
  );

  app.delete(`${base}/:intelProductId`, { schema: { tags, summary: "Remove a product from the organisation's list", params: ProductParams, response: { 200: OkSchema, ...errors } } }, async (request) => {
    await removeProduct(ctx.db, requireActor(request), request.params.orgId, request.params.intelProductId, auditContextOf(request));
    return { ok: true as const };
  });
};
