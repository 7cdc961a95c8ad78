import { z } from "zod";
import { requireActor } from "../../../platform/auth/authenticate.ts";
import { forbidden, invalidField } from "../../../platform/http/errors.ts";
import { auditContextOf } from "../../../platform/http/request-context.ts";
import { readUploadedFile } from "../../../platform/http/uploaded-file.ts";
import type { RoutesPlugin } from "../../../platform/http/types.ts";
import { errorReplySchema } from "../../../platform/http/error-handler.ts";
import { LearnerPathSchema } from "../academy.schemas.ts";
import { learnerPath } from "../learner-view.ts";
import { indexPath } from "../path-content.ts";
import { errors, tags } from "../paths.routes.ts";
import { authorOf, authorize, ownerFor, type Author } from "./authoring.policy.ts";
import { presentAuthored, presentSummary } from "./authoring.presenter.ts";
import { AuthoredPathListSchema, AuthoredPathSchema, AuthoredPathSummarySchema, CreateDraftBodySchema, OwnerQuery, PathVersionParams, UpdateDraftBodySchema } from "./authoring.schemas.ts";
import { exportPackage, importPackage } from "./package-transfer.ts";
import { zipLimitsFor } from "./package-zip.ts";
import { authoredPath, createDraft, draftNextVersion, listAuthored, publishDraft, retirePath, updateDraft } from "./path-drafts.ts";

const uploadErrors = { 413: errorReplySchema, 415: errorReplySchema };

/** Where a new path goes; an organisation path needs an organisation to act for. */
function newOwner(author: Author, owner: "platform" | "organisation", field: string) {
  if (owner === "organisation" && !author.actor.orgId) throw invalidField(field, "no_current_org");
  return ownerFor(author, owner);
}

export const authoringRoutes: RoutesPlugin = async (app, { ctx }) => {
  const maxBytes = ctx.config.UPLOAD_LIMIT_BYTES;
  const author = async (request: Parameters<typeof requireActor>[0]) => authorOf(ctx.db, requireActor(request));

  app.get(
    "/api/academy/authoring/paths",
    { schema: { tags, summary: "Paths the caller may write (platform-wide for academy editors, its organisation's for admins), every version", response: { 200: AuthoredPathListSchema, ...errors } } },
    async (request) => {
      const who = await author(request);
      const rows = await listAuthored(ctx.db, who);
      const { actor } = who;
      return {
        items: rows.map((r) => presentSummary(who, r)),
        platformEditor: who.platformEditor,
        organisationEditor: actor.orgId !== null && (actor.role === "admin" || actor.role === "security_manager"),
      };
    },
  );

  app.post(
    "/api/academy/authoring/paths",
    {
      schema: {
        tags,
        summary: "Create a draft from a package, or as the next version of an existing path (copyFrom)",
        body: CreateDraftBodySchema,
        response: { 201: AuthoredPathSchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await author(request);
      const audit = auditContextOf(request);
      const body = request.body;
      const row =
        "copyFrom" in body
          ? await draftNextVersion(ctx.db, who, body.copyFrom, audit)
          : await createDraft(ctx.db, who, authorised(who, newOwner(who, body.owner, "body.owner")), body.package, audit);
      const { path, media } = await authoredPath(ctx.db, who, row.id, "read");
      reply.status(201);
      return presentAuthored(who, path, media);
    },
  );

  app.post(
    "/api/academy/authoring/import",
    {
      schema: {
        tags,
        summary: "Import a path package zip (path.json and its media) as a new draft",
        consumes: ["multipart/form-data"],
        querystring: OwnerQuery,
        body: z.strictObject({ file: z.string().meta({ format: "binary" }) }).nullish(),
        response: { 201: AuthoredPathSchema, ...uploadErrors, ...errors },
      },
    },
    async (request, reply) => {
      const who = await author(request);
      const owner = authorised(who, newOwner(who, request.query.owner, "query.owner"));
      const { bytes } = await readUploadedFile(request, maxBytes);
      const row = await importPackage(ctx.db, ctx.fileStore, who, owner, bytes, zipLimitsFor(maxBytes), auditContextOf(request));
      const { path, media } = await authoredPath(ctx.db, who, row.id, "read");
      reply.status(201);
      return presentAuthored(who, path, media);
    },
  );

  app.get(
    "/api/academy/authoring/paths/:pathId",
    { schema: { tags, summary: "A version of a path as written, with its media and what stops publishing", params: PathVersionParams, response: { 200: AuthoredPathSchema, ...errors } } },
    async (request) => {
      const who = await author(request);
      const { path, media } = await authoredPath(ctx.db, who, request.params.pathId, "read");
      return presentAuthored(who, path, media);
    },
  );

  app.put(
    "/api/academy/authoring/paths/:pathId",
    { schema: { tags, summary: "Replace a draft's package (validated; every problem named by its JSON path)", params: PathVersionParams, body: UpdateDraftBodySchema, response: { 200: AuthoredPathSchema, ...errors } } },
    async (request) => {
      const who = await author(request);
      await updateDraft(ctx.db, who, request.params.pathId, request.body.package, auditContextOf(request));
      const { path, media } = await authoredPath(ctx.db, who, request.params.pathId, "read");
      return presentAuthored(who, path, media);
    },
  );

  app.get(
    "/api/academy/authoring/paths/:pathId/preview",
    { schema: { tags, summary: "A version as a learner will see it (drafts included; authors only)", params: PathVersionParams, response: { 200: LearnerPathSchema, ...errors } } },
    async (request, reply) => {
      const who = await author(request);
      const { path } = await authoredPath(ctx.db, who, request.params.pathId, "read");
      reply.header("cache-control", "no-store");
      return learnerPath(indexPath(path));
    },
  );

  for (const [action, summary, run] of [
    ["publish", "Publish a draft: refused while a file it names (captions above all) is missing", publishDraft],
    ["retire", "Retire a published version: learners no longer get it", retirePath],
  ] as const) {
    app.post(
      `/api/academy/authoring/paths/:pathId/${action}`,
      { schema: { tags, summary, params: PathVersionParams, response: { 200: AuthoredPathSummarySchema, ...errors } } },
      async (request) => {
        const who = await author(request);
        return presentSummary(who, await run(ctx.db, who, request.params.pathId, auditContextOf(request)));
      },
    );
  }

  app.get(
    "/api/academy/authoring/paths/:pathId/export",
    {
      schema: {
        tags,
        summary: "Export a version as a package zip (path.json and its media)",
        params: PathVersionParams,
        produces: ["application/zip"],
        response: { 200: z.any().describe("the zip"), ...errors },
      },
    },
    async (request, reply) => {
      const who = await author(request);
      const { fileName, bytes } = await exportPackage(ctx.db, ctx.fileStore, who, request.params.pathId);
      return reply
        .header("content-type", "application/zip")
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .header("cache-control", "private, no-store")
        .send(bytes);
    },
  );
};

/** A new path's owner must be one the author may write for: the platform for academy editors only (403). */
function authorised(who: Author, owner: { ownerOrgId: string | null }) {
  if (owner.ownerOrgId === null && !who.platformEditor) throw forbidden();
  authorize(who, "edit", owner);
  return owner;
}
