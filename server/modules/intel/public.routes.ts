import { z } from "zod";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { notFound } from "../../platform/http/errors.ts";
import { t } from "../../platform/i18n/messages.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { presentItems } from "./caller.ts";
import { IntelItemListSchema, IntelItemSchema } from "./intel.replies.ts";
import { ItemParams, PublicListQuerySchema } from "./intel.schemas.ts";
import { loadItem } from "./item-records.ts";
import { listItems } from "./items.query.ts";
import { atomFeed } from "./atom-feed.ts";
import { canSee, publicViewer } from "./tlp.ts";

const errors = { 400: errorReplySchema, 404: errorReplySchema, 422: errorReplySchema };
const tags = ["intel-public"];

// TLP:CLEAR without signing in: the public page's API and an Atom feed. They answer as the
// anonymous public viewer whoever calls, so a signed-in caller's session changes nothing here.

export const publicRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/public/intel/items",
    { schema: { tags, summary: "TLP:CLEAR items, newest first, with the same filters and search as the signed-in list", querystring: PublicListQuerySchema, response: { 200: IntelItemListSchema, ...errors } } },
    async (request) => {
      const { records, nextCursor } = await listItems(ctx.db, publicViewer, request.query);
      return { items: await presentItems(ctx.db, null, publicViewer, records), nextCursor };
    },
  );

  app.get(
    "/api/public/intel/items/:intelItemId",
    { schema: { tags, summary: "One TLP:CLEAR item", params: ItemParams, response: { 200: IntelItemSchema, ...errors } } },
    async (request) => {
      const record = await loadItem(ctx.db, request.params.intelItemId);
      if (!record || !canSee(publicViewer, record.sharing)) throw notFound();
      const [item] = await presentItems(ctx.db, null, publicViewer, [record]);
      return item!;
    },
  );

  app.get(
    "/api/public/intel/feed.atom",
    { schema: { tags, summary: "Atom feed of the latest TLP:CLEAR items", response: { 200: z.string().describe("Atom 1.0 (application/atom+xml)"), ...errors } } },
    async (request, reply) => {
      const { records } = await listItems(ctx.db, publicViewer, { limit: 50 });
      const items = await presentItems(ctx.db, null, publicViewer, records);
      const xml = atomFeed(items, { baseUrl: ctx.config.publicUrl, title: t(request.locale, "intel_feed_title"), anonymousAuthor: t(request.locale, "intel_anonymous_author") });
      return reply.type("application/atom+xml; charset=utf-8").header("cache-control", "public, max-age=300").send(xml);
    },
  );
};
