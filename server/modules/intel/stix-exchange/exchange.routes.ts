import multipart from "@fastify/multipart";
import { z } from "zod";
import { errorReplySchema } from "../../../platform/http/error-handler.ts";
import { readUploadedFile } from "../../../platform/http/uploaded-file.ts";
import type { RoutesPlugin } from "../../../platform/http/types.ts";
import { callerOf } from "../caller.ts";
import { itemShelfPolicy } from "../intel.policy.ts";
import { EditKeyHeaders, ItemParams } from "../intel.schemas.ts";
import { authorizeItem } from "../items.service.ts";
import { exportBundle, TLP_LEVELS } from "../stix/index.ts";
import { exportVisibleBundle } from "./export.query.ts";
import { importBundle, type ImportTarget } from "./import.service.ts";
import { sharedItemsOf } from "./shared-items.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 413: errorReplySchema, 415: errorReplySchema, 422: errorReplySchema };
const tags = ["intel"];
export const STIX_MEDIA_TYPE = "application/stix+json;version=2.1";

// STIX requires a bundle's objects, when present, to be non-empty: an empty export has none
const BundleSchema = z.object({ type: z.literal("bundle"), id: z.string(), objects: z.array(z.record(z.string(), z.unknown())).optional() });

const ExportQuerySchema = z.strictObject({
  kind: z.enum(["advisory", "indicator", "experience_report"]).optional(),
  tlp: z.enum(TLP_LEVELS).optional(),
  communityId: z.uuid().optional(),
  modifiedSince: z.iso.datetime().optional(),
  includeExpired: z.enum(["true", "false"]).default("false"),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

const ids = z
  .string()
  .max(20_000)
  .optional()
  .transform((value) => (value ? value.split(",").map((v) => v.trim()).filter(Boolean) : []))
  .pipe(z.array(z.uuid()).max(500));

const ImportQuerySchema = z.strictObject({
  communityIds: ids.describe("comma-separated communities to share with (CLEAR and GREEN; GREEN needs one)"),
  recipientOrgIds: ids.describe("AMBER and AMBER+STRICT recipients; default the caller's organisation"),
  recipientUserIds: ids.describe("RED recipients; default the caller"),
  defaultTlp: z.enum(TLP_LEVELS).optional().describe("TLP of objects without a TLP marking; default GREEN with communities, else AMBER"),
});

const ImportReplySchema = z.object({
  bundleId: z.string().nullable(),
  items: z.array(z.object({ itemId: z.uuid(), stixId: z.string(), outcome: z.enum(["added", "updated", "unchanged"]) })),
  notSearchable: z.array(z.object({ stixId: z.string(), reason: z.string() })),
  notStored: z.array(z.object({ id: z.string(), type: z.string() })),
});

const targetOf = (query: z.infer<typeof ImportQuerySchema>): ImportTarget => ({
  communityIds: query.communityIds,
  recipientOrgIds: query.recipientOrgIds,
  recipientUserIds: query.recipientUserIds,
  defaultTlp: query.defaultTlp ?? (query.communityIds.length ? "green" : "amber"),
});

/** STIX 2.1 bundles out (one item, or a filtered selection) and in (JSON body or file upload). */
export const stixExchangeRoutes: RoutesPlugin = async (app, { ctx }) => {
  const maxBytes = ctx.config.UPLOAD_LIMIT_BYTES;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 1, parts: 2, fieldSize: 1_024 } });
  // STIX clients send their own media type; it is JSON
  app.addContentTypeParser(/^application\/stix\+json/, { parseAs: "string" }, app.getDefaultJsonParser("error", "error"));

  app.get(
    "/api/intel/items/:intelItemId/stix",
    { schema: { tags, summary: "One shared item as a STIX 2.1 bundle, with its TLP 2.0 marking definitions", params: ItemParams, headers: EditKeyHeaders, response: { 200: BundleSchema, ...errors } } },
    async (request, reply) => {
      const caller = await callerOf(ctx, request);
      const record = await authorizeItem(ctx.db, caller, request.params.intelItemId, "read");
      const [item] = await sharedItemsOf(ctx.db, caller.viewer, [record]);
      reply.header("content-type", `${STIX_MEDIA_TYPE}; charset=utf-8`);
      return exportBundle([item!]);
    },
  );

  app.get(
    "/api/intel/stix/bundle",
    { schema: { tags, summary: "The shared items the caller may see (TLP) as one STIX 2.1 bundle, newest first, with filters; drafts never, expired indicators on request", querystring: ExportQuerySchema, response: { 200: BundleSchema, ...errors } } },
    async (request, reply) => {
      const caller = await callerOf(ctx, request);
      itemShelfPolicy.authorize(caller.actor, "list", { orgId: caller.viewer.orgId });
      const { objects, ...bundle } = await exportVisibleBundle(ctx.db, caller.viewer, { ...request.query, includeExpired: request.query.includeExpired === "true" });
      reply.header("content-type", `${STIX_MEDIA_TYPE}; charset=utf-8`);
      reply.header("content-disposition", `attachment; filename="cittadella-stix-${new Date().toISOString().slice(0, 10)}.json"`);
      return objects.length ? { ...bundle, objects } : bundle;
    },
  );

  app.post(
    "/api/intel/stix/import",
    {
      schema: {
        tags,
        summary: "Import a STIX 2.1 bundle (JSON body): every object validated; any invalid object answers 422 object by object and nothing is written; replays change nothing",
        consumes: ["application/json", STIX_MEDIA_TYPE],
        querystring: ImportQuerySchema,
        body: z.record(z.string(), z.unknown()).describe("a STIX 2.1 bundle"),
        response: { 200: ImportReplySchema, ...errors },
      },
    },
    async (request) => importBundle(ctx.db, await callerOf(ctx, request), request.body, targetOf(request.query)),
  );

  app.post(
    "/api/intel/stix/import/file",
    {
      schema: {
        tags,
        summary: "Import a STIX 2.1 bundle file (multipart, one part named \"file\"): same rules as the JSON import",
        consumes: ["multipart/form-data"],
        querystring: ImportQuerySchema,
        body: z.strictObject({ file: z.string().meta({ format: "binary" }) }).nullish(),
        response: { 200: ImportReplySchema, ...errors },
      },
    },
    async (request) => {
      const caller = await callerOf(ctx, request);
      const { bytes } = await readUploadedFile(request, maxBytes);
      // the library parses the text itself, with its depth and size limits
      return importBundle(ctx.db, caller, bytes.toString("utf8"), targetOf(request.query));
    },
  );
};
