import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { memberships, users } from "../identity/identity.tables.ts";
import { callerOf } from "./caller.ts";
import { IntelCommentListSchema, IntelCommentSchema, ScanInputSchema, ScanResultSchema, SightingsSchema } from "./intel.replies.ts";
import { CommentInputSchema, ItemParams, SightingInputSchema } from "./intel.schemas.ts";
import { itemShelfPolicy } from "./intel.policy.ts";
import { domain } from "./normalise.ts";
import { scanPersonalData } from "./personal-data-scan.ts";
import { addComment, addSighting, listComments, presentComment, sightingsOf } from "./social.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["intel"];

// Mailbox providers anyone may use: their domains say nothing about the author.
const publicMailDomains = new Set([
  "gmail.com", "googlemail.com", "libero.it", "virgilio.it", "alice.it", "tin.it", "tim.it", "tiscali.it", "fastwebnet.it", "email.it",
  "yahoo.it", "yahoo.com", "hotmail.it", "hotmail.com", "outlook.it", "outlook.com", "live.it", "live.com", "icloud.com", "me.com",
  "proton.me", "protonmail.com", "pec.it", "legalmail.it", "postecert.it", "gmx.com", "gmx.it",
]);

/** The author organisation's own domains, as its people's email addresses show them. */
async function ownDomainsOf(db: Db, orgId: string | null): Promise<string[]> {
  if (!orgId) return [];
  const rows = await db
    .selectDistinct({ domain: sql<string>`lower(split_part(${users.email}, '@', 2))` })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(memberships.orgId, orgId));
  return rows.map((r) => r.domain).filter((d) => d && !publicMailDomains.has(d));
}

/** Sightings, comments, and the personal-data scan before an anonymous publication. */
export const socialRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/intel/items/:intelItemId/sightings",
    { schema: { tags, summary: "How many organisations saw this too, and how many times; never who", params: ItemParams, response: { 200: SightingsSchema, ...errors } } },
    async (request) => sightingsOf(ctx.db, await callerOf(ctx, request), request.params.intelItemId),
  );

  app.post(
    "/api/intel/items/:intelItemId/sightings",
    { schema: { tags, summary: "Report that the caller's organisation saw this too", params: ItemParams, body: SightingInputSchema, response: { 200: SightingsSchema, ...errors } } },
    async (request) => addSighting(ctx.db, await callerOf(ctx, request), request.params.intelItemId, request.body.count),
  );

  app.get(
    "/api/intel/items/:intelItemId/comments",
    { schema: { tags, summary: "Comments on an item, oldest first", params: ItemParams, response: { 200: IntelCommentListSchema, ...errors } } },
    async (request) => ({ items: (await listComments(ctx.db, await callerOf(ctx, request), request.params.intelItemId)).map(presentComment) }),
  );

  app.post(
    "/api/intel/items/:intelItemId/comments",
    { schema: { tags, summary: "Comment on an item, signed or anonymously", params: ItemParams, body: CommentInputSchema, response: { 201: IntelCommentSchema, ...errors } } },
    async (request, reply) => {
      const row = await addComment(ctx.db, await callerOf(ctx, request), request.params.intelItemId, request.body);
      reply.status(201);
      return presentComment(row);
    },
  );

  app.post(
    "/api/intel/scan",
    {
      schema: {
        tags,
        summary: "Find personal data and the author's own host names and addresses in a text before an anonymous publication; nothing is stored",
        body: ScanInputSchema,
        response: { 200: ScanResultSchema, ...errors },
      },
    },
    async (request) => {
      const caller = await callerOf(ctx, request);
      itemShelfPolicy.authorize(caller.actor, "scan", { orgId: caller.viewer.orgId });
      const given = request.body.ownDomains.map((d) => domain(d)).filter((d): d is string => d !== null);
      const ownDomains = [...new Set([...given, ...(await ownDomainsOf(ctx.db, caller.viewer.orgId))])];
      return { findings: scanPersonalData(request.body.text, { ownDomains, ownAddresses: request.body.ownAddresses }) };
    },
  );
};
