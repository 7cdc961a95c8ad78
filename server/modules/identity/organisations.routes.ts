import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import {
  MembersPageSchema,
  MembersUpdateSchema,
  MemberSchema,
  MemberWorkplaceSchema,
  OkSchema,
  OrganisationSchema,
  OrganisationsCreateSchema,
  OrganisationsUpdateSchema,
  PageQuerySchema,
  RelationshipSchema,
  RelationshipsCreateSchema,
} from "./identity.schemas.ts";
import { presentMember, presentOrganisation, presentRelationship } from "./identity.presenter.ts";
import { changeMemberRole, listMembers, removeMember, setMemberWorkplace } from "./members.service.ts";
import {
  createOrganisation,
  getOrganisation,
  grantRelationship,
  listMyOrganisations,
  listRelatedOrganisations,
  listRelationships,
  organisationsByIds,
  removeRelationship,
  updateOrganisation,
} from "./organisations.service.ts";
import type { Role } from "../../platform/authz/actor.ts";
import { organisationPolicy } from "./identity.policy.ts";

const OrgParams = z.strictObject({ orgId: z.uuid() });
const MemberParams = z.strictObject({ orgId: z.uuid(), userId: z.uuid() });
const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };

export const organisationRoutes: RoutesPlugin = async (app, { ctx }) => {
  const roleIn = (actor: { orgId: string | null; role: Role | null }, orgId: string) => (actor.orgId === orgId ? actor.role : null);

  app.get(
    "/api/orgs",
    { schema: { tags: ["organisations"], summary: "Organisations the user belongs to and those related to the current one", response: { 200: z.object({ items: z.array(OrganisationSchema) }), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const mine = await listMyOrganisations(ctx.db, actor.userId);
      const related = await listRelatedOrganisations(ctx.db, actor);
      return {
        items: [
          ...mine.map((m) => presentOrganisation(actor, m.org, m.role as Role)),
          ...related.map((o) => presentOrganisation(actor, o, null)),
        ],
      };
    },
  );

  app.post(
    "/api/orgs",
    { schema: { tags: ["organisations"], summary: "Register an organisation; the caller becomes its admin", body: OrganisationsCreateSchema, response: { 201: OrganisationSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await createOrganisation(ctx.db, actor, request.body, auditContextOf(request));
      reply.status(201);
      return presentOrganisation(actor, org, "admin");
    },
  );

  app.get(
    "/api/orgs/:orgId",
    { schema: { tags: ["organisations"], summary: "One organisation", params: OrgParams, response: { 200: OrganisationSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const org = await getOrganisation(ctx.db, actor, request.params.orgId);
      return presentOrganisation(actor, org, roleIn(actor, org.id));
    },
  );

  app.patch(
    "/api/orgs/:orgId",
    { schema: { tags: ["organisations"], summary: "Change an organisation's settings", params: OrgParams, body: OrganisationsUpdateSchema, response: { 200: OrganisationSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const org = await updateOrganisation(ctx.db, actor, request.params.orgId, request.body, auditContextOf(request));
      return presentOrganisation(actor, org, roleIn(actor, org.id));
    },
  );

  app.get(
    "/api/orgs/:orgId/members",
    { schema: { tags: ["members"], summary: "Members of an organisation, a page at a time", params: OrgParams, querystring: PageQuerySchema, response: { 200: MembersPageSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const page = await listMembers(ctx.db, actor, request.params.orgId, request.query);
      return { items: page.items.map((m) => presentMember(actor, m)), nextCursor: page.nextCursor };
    },
  );

  app.patch(
    "/api/orgs/:orgId/members/:userId",
    { schema: { tags: ["members"], summary: "Change a member's role", params: MemberParams, body: MembersUpdateSchema, response: { 200: MemberSchema.pick({ userId: true, role: true }), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const m = await changeMemberRole(ctx.db, actor, request.params.orgId, request.params.userId, request.body.role, auditContextOf(request));
      return { userId: m.userId, role: m.role as Role };
    },
  );

  app.put(
    "/api/orgs/:orgId/members/:userId/workplace",
    {
      schema: {
        tags: ["members"],
        summary: "Set where a member works: office and membership of the management body (academy assignments and reports)",
        params: MemberParams,
        body: MemberWorkplaceSchema,
        response: { 200: MemberSchema.pick({ userId: true, office: true, managementBody: true }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const m = await setMemberWorkplace(ctx.db, actor, request.params.orgId, request.params.userId, request.body, auditContextOf(request));
      return { userId: m.userId, office: m.office, managementBody: m.managementBody };
    },
  );

  app.delete(
    "/api/orgs/:orgId/members/:userId",
    { schema: { tags: ["members"], summary: "Remove a member (or leave the organisation)", params: MemberParams, response: { 200: OkSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await removeMember(ctx.db, actor, request.params.orgId, request.params.userId, auditContextOf(request));
      return { ok: true as const };
    },
  );

  app.get(
    "/api/orgs/:orgId/relationships",
    { schema: { tags: ["organisations"], summary: "Providers and coordinators of this organisation, and whom it serves", params: OrgParams, response: { 200: z.object({ items: z.array(RelationshipSchema) }), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const org = await getOrganisation(ctx.db, actor, request.params.orgId);
      organisationPolicy.authorize(actor, "listRelationships", org);
      const rows = await listRelationships(ctx.db, request.params.orgId);
      const orgs = await organisationsByIds(ctx.db, [...new Set(rows.flatMap((r) => [r.fromOrgId, r.toOrgId]))]);
      return { items: rows.map((r) => presentRelationship(actor, r, orgs)) };
    },
  );

  app.post(
    "/api/orgs/:orgId/relationships",
    { schema: { tags: ["organisations"], summary: "Name another organisation as this one's IT provider or coordinator", params: OrgParams, body: RelationshipsCreateSchema, response: { 201: RelationshipSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await grantRelationship(ctx.db, actor, request.params.orgId, request.body, auditContextOf(request));
      const orgs = await organisationsByIds(ctx.db, [row.fromOrgId, row.toOrgId]);
      reply.status(201);
      return presentRelationship(actor, row, orgs);
    },
  );

  app.delete(
    "/api/relationships/:relationshipId",
    { schema: { tags: ["organisations"], summary: "End a relationship (either side's admin)", params: z.strictObject({ relationshipId: z.uuid() }), response: { 200: OkSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await removeRelationship(ctx.db, actor, request.params.relationshipId, auditContextOf(request));
      return { ok: true as const };
    },
  );
};
