import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { createCommunity, getCommunity, listCommunities, presentCommunity, updateCommunity } from "./communities.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["intel"];

const CommunityParams = z.strictObject({ communityId: z.uuid() });
const CreateCommunitySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).nullable().optional(),
  /** the creator's organisation is always a member */
  memberOrgIds: z.array(z.uuid()).max(1000).optional(),
  /** people of member organisations; the creator is always a moderator */
  moderatorIds: z.array(z.uuid()).max(100).optional(),
});
const UpdateCommunitySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  /** replaces the whole membership */
  memberOrgIds: z.array(z.uuid()).max(1000).optional(),
  /** replaces the moderators; at least one */
  moderatorIds: z.array(z.uuid()).min(1).max(100).optional(),
});
const CommunitySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    members: z.array(z.object({ orgId: z.uuid(), name: z.string(), type: z.string() })),
    moderators: z.array(z.object({ userId: z.uuid(), name: z.string() })),
    createdAt: z.iso.datetime(),
    actions: z.array(z.string()),
  })
  .meta({ id: "IntelCommunity" });

/** Communities (sharing groups) of organisations and their moderators. */
export const communitiesRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/intel/communities",
    { schema: { tags, summary: "The communities the caller's organisation belongs to or the caller moderates", response: { 200: z.object({ items: z.array(CommunitySchema) }), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      return { items: (await listCommunities(ctx.db, actor)).map((c) => presentCommunity(actor, c)) };
    },
  );

  app.post(
    "/api/intel/communities",
    { schema: { tags, summary: "Set up a community; admins of coordinating bodies only", body: CreateCommunitySchema, response: { 201: CommunitySchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createCommunity(ctx.db, actor, request.body, auditContextOf(request));
      reply.status(201);
      return presentCommunity(actor, await getCommunity(ctx.db, actor, id));
    },
  );

  app.get(
    "/api/intel/communities/:communityId",
    { schema: { tags, summary: "A community with its members and moderators", params: CommunityParams, response: { 200: CommunitySchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      return presentCommunity(actor, await getCommunity(ctx.db, actor, request.params.communityId));
    },
  );

  app.patch(
    "/api/intel/communities/:communityId",
    { schema: { tags, summary: "Rename a community or change its members and moderators; moderators only", params: CommunityParams, body: UpdateCommunitySchema, response: { 200: CommunitySchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await updateCommunity(ctx.db, actor, request.params.communityId, request.body, auditContextOf(request));
      return presentCommunity(actor, await getCommunity(ctx.db, actor, request.params.communityId));
    },
  );
};
