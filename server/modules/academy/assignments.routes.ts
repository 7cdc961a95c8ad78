import { requireActor } from "../../platform/auth/authenticate.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { z } from "zod";
import {
  AssignmentCreateSchema,
  AssignmentDetailSchema,
  AssignmentListSchema,
  AssignmentParams,
  AssignmentSchema,
  MyAssignmentListSchema,
  OrgParams,
} from "./assignments.schemas.ts";
import { createAssignment, deleteAssignment, getAssignment, listAssignments, myAssignments } from "./assignments.service.ts";
import { errors, tags } from "./paths.routes.ts";

/** An organisation's training plan: paths assigned to its employees, and each learner's own list. */
const OkSchema = z.object({ ok: z.literal(true) });

export const assignmentsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/academy/my-assignments",
    { schema: { tags, summary: "The paths my organisation assigned me, with due date and where I stand", response: { 200: MyAssignmentListSchema, ...errors } } },
    async (request) => ({ items: await myAssignments(ctx.db, requireActor(request)) }),
  );

  app.get(
    "/api/orgs/:orgId/academy/assignments",
    { schema: { tags, summary: "The organisation's assignments of learning paths, with assigned, completed and overdue counts", params: OrgParams, response: { 200: AssignmentListSchema, ...errors } } },
    async (request) => ({ items: await listAssignments(ctx.db, requireActor(request), request.params.orgId) }),
  );

  app.post(
    "/api/orgs/:orgId/academy/assignments",
    {
      schema: {
        tags,
        summary: "Assign a published path to employees by role, office, management body or list, with a due date (each is told by mail)",
        params: OrgParams,
        body: AssignmentCreateSchema,
        response: { 201: AssignmentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await createAssignment(ctx.db, ctx.config.publicUrl, actor, request.params.orgId, request.body, auditContextOf(request));
      const detail = await getAssignment(ctx.db, actor, row.orgId, row.id);
      reply.status(201);
      const { learners: _learners, ...assignment } = detail;
      return assignment;
    },
  );

  app.get(
    "/api/orgs/:orgId/academy/assignments/:assignmentId",
    { schema: { tags, summary: "One assignment with each learner's status and score", params: AssignmentParams, response: { 200: AssignmentDetailSchema, ...errors } } },
    async (request) => getAssignment(ctx.db, requireActor(request), request.params.orgId, request.params.assignmentId),
  );

  app.delete(
    "/api/orgs/:orgId/academy/assignments/:assignmentId",
    { schema: { tags, summary: "Withdraw an assignment (learners keep their progress)", params: AssignmentParams, response: { 200: OkSchema, ...errors } } },
    async (request) => {
      await deleteAssignment(ctx.db, requireActor(request), request.params.orgId, request.params.assignmentId, auditContextOf(request));
      return { ok: true as const };
    },
  );
};
