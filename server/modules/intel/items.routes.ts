import { z } from "zod";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import type { AppContext } from "../../platform/context.ts";
import { callerOf, presentItems } from "./caller.ts";
import { IntelItemListSchema, IntelItemSchema, PublishedIndicatorsSchema, PublishedSchema } from "./intel.replies.ts";
import {
  CreateAdvisorySchema,
  CreateIndicatorsSchema,
  CreateReportSchema,
  EditKeyHeaders,
  ItemParams,
  ListItemsQuerySchema,
  SharingInputSchema,
  UpdateAdvisorySchema,
  UpdateIndicatorSchema,
  UpdateReportSchema,
} from "./intel.schemas.ts";
import { itemShelfPolicy } from "./intel.policy.ts";
import { listItems } from "./items.query.ts";
import { authorizeItem, changeSharing, changeStatus, type Caller } from "./items.service.ts";
import { loadItems } from "./item-records.ts";
import { createAdvisory, createReport, updateAdvisory, updateReport } from "./publish.service.ts";
import { createIndicators, updateIndicator } from "./indicators.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["intel"];

async function one(ctx: AppContext, caller: Caller, itemId: string) {
  const record = await authorizeItem(ctx.db, caller, itemId, "read");
  const [item] = await presentItems(ctx.db, caller.actor, caller.viewer, [record], caller.editKey);
  return item!;
}

/** Advisories, indicators and experience reports: list, search, read, publish, edit, share, withdraw. */
export const itemsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/intel/items",
    { schema: { tags, summary: "Shared items the caller may see (TLP), newest first; filters and full-text search in Italian and English", querystring: ListItemsQuerySchema, response: { 200: IntelItemListSchema, ...errors } } },
    async (request) => {
      const caller = await callerOf(ctx, request);
      itemShelfPolicy.authorize(caller.actor, "list", { orgId: caller.viewer.orgId });
      const { records, nextCursor } = await listItems(ctx.db, caller.viewer, request.query);
      return { items: await presentItems(ctx.db, caller.actor, caller.viewer, records, caller.editKey), nextCursor };
    },
  );

  app.get(
    "/api/intel/items/:intelItemId",
    { schema: { tags, summary: "One shared item, if its TLP lets the caller see it", params: ItemParams, headers: EditKeyHeaders, response: { 200: IntelItemSchema, ...errors } } },
    async (request) => one(ctx, await callerOf(ctx, request), request.params.intelItemId),
  );

  app.put(
    "/api/intel/items/:intelItemId/sharing",
    {
      schema: { tags, summary: "Change the TLP marking and recipients; only the author's organisation may", params: ItemParams, headers: EditKeyHeaders, body: SharingInputSchema, response: { 200: IntelItemSchema, ...errors } },
    },
    async (request) => {
      const caller = await callerOf(ctx, request);
      await changeSharing(ctx.db, caller, request.params.intelItemId, request.body);
      return one(ctx, caller, request.params.intelItemId);
    },
  );

  for (const action of ["publish", "withdraw"] as const) {
    app.post(
      `/api/intel/items/:intelItemId/${action}`,
      {
        schema: {
          tags,
          summary: action === "publish" ? "Publish a draft" : "Withdraw (revoke) an item; it stays listed as revoked to those who saw it",
          params: ItemParams,
          headers: EditKeyHeaders,
          response: { 200: IntelItemSchema, ...errors },
        },
      },
      async (request) => {
        const caller = await callerOf(ctx, request);
        await changeStatus(ctx.db, caller, request.params.intelItemId, action);
        return one(ctx, caller, request.params.intelItemId);
      },
    );
  }

  app.post(
    "/api/intel/advisories",
    { schema: { tags, summary: "Publish an advisory: affected products, CVEs, patches and mitigations, under a TLP marking, optionally anonymously", body: CreateAdvisorySchema, response: { 201: PublishedSchema, ...errors } } },
    async (request, reply) => {
      const caller = await callerOf(ctx, request);
      const { id, editKey } = await createAdvisory(ctx.db, caller, request.body);
      reply.status(201);
      return { ...(await one(ctx, { ...caller, editKey: editKey ?? undefined }, id)), editKey };
    },
  );

  app.post(
    "/api/intel/indicators",
    { schema: { tags, summary: "Add indicators in bulk, normalised by type; all are added or none; one already shared the same way is refreshed, not doubled", body: CreateIndicatorsSchema, response: { 201: PublishedIndicatorsSchema, ...errors } } },
    async (request, reply) => {
      const caller = await callerOf(ctx, request);
      const { ids, refreshed, editKey } = await createIndicators(ctx.db, caller, request.body);
      reply.status(201);
      const items = await presentItems(ctx.db, caller.actor, caller.viewer, await loadItems(ctx.db, ids), editKey ?? undefined);
      return { items, refreshedIds: refreshed, editKey };
    },
  );

  app.post(
    "/api/intel/experience-reports",
    { schema: { tags, summary: "Share an experience report (what happened, how it was detected, what worked, lessons), optionally anonymously", body: CreateReportSchema, response: { 201: PublishedSchema, ...errors } } },
    async (request, reply) => {
      const caller = await callerOf(ctx, request);
      const { id, editKey } = await createReport(ctx.db, caller, request.body);
      reply.status(201);
      return { ...(await one(ctx, { ...caller, editKey: editKey ?? undefined }, id)), editKey };
    },
  );

  const editSchema = <B extends z.ZodType>(summary: string, body: B) => ({
    schema: { tags, summary, params: ItemParams, headers: EditKeyHeaders, body, response: { 200: IntelItemSchema, ...errors } },
  });

  app.patch("/api/intel/advisories/:intelItemId", editSchema("Edit an advisory (a new STIX version)", UpdateAdvisorySchema), async (request) => {
    const caller = await callerOf(ctx, request);
    await updateAdvisory(ctx.db, caller, request.params.intelItemId, request.body);
    return one(ctx, caller, request.params.intelItemId);
  });

  app.patch("/api/intel/indicators/:intelItemId", editSchema("Edit an indicator: description, last seen, validity, confidence", UpdateIndicatorSchema), async (request) => {
    const caller = await callerOf(ctx, request);
    await updateIndicator(ctx.db, caller, request.params.intelItemId, request.body);
    return one(ctx, caller, request.params.intelItemId);
  });

  app.patch("/api/intel/experience-reports/:intelItemId", editSchema("Edit an experience report", UpdateReportSchema), async (request) => {
    const caller = await callerOf(ctx, request);
    await updateReport(ctx.db, caller, request.params.intelItemId, request.body);
    return one(ctx, caller, request.params.intelItemId);
  });
};
