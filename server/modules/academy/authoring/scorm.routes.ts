import { z } from "zod";
import { requireActor } from "../../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../../platform/http/error-handler.ts";
import { forbidden, invalidField, notFound } from "../../../platform/http/errors.ts";
import { auditContextOf } from "../../../platform/http/request-context.ts";
import { readUploadedFile } from "../../../platform/http/uploaded-file.ts";
import type { RoutesPlugin } from "../../../platform/http/types.ts";
import { errors, tags } from "../paths.routes.ts";
import { authorOf, authorize, authoringPolicy, ownerFor, type Author } from "./authoring.policy.ts";
import { OwnerQuery } from "./authoring.schemas.ts";
import { sendBytes } from "./media.routes.ts";
import { safeEntryName, zipLimitsFor } from "./package-zip.ts";
import { lessonStatuses, listScorm, recordScormResult, retireScorm, scormFile, scormFor, uploadScorm, type ScormRow } from "./scorm.service.ts";

const ScormParams = z.strictObject({ packageId: z.uuid() });
const ScormPackageSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    status: z.enum(["draft", "published", "retired"]),
    ownerOrgId: z.uuid().nullable(),
    /** where the web player points its iframe */
    launchUrl: z.string(),
    files: z.number().int(),
    createdAt: z.iso.datetime(),
    actions: z.array(z.enum(["retire"])),
  })
  .meta({ id: "AcademyScormPackage" });
const RuntimeReportSchema = z.strictObject({
  lessonStatus: z.enum(lessonStatuses).describe("cmi.core.lesson_status"),
  scoreRaw: z.number().min(0).max(100).optional().describe("cmi.core.score.raw"),
  sessionSeconds: z.number().int().min(0).max(86_400).optional().describe("cmi.core.session_time, in seconds"),
});
const RuntimeResultSchema = z
  .object({ lessonStatus: z.enum(lessonStatuses), scoreRaw: z.number().nullable(), recorded: z.boolean() })
  .meta({ id: "AcademyScormResult" });

const present = (author: Author, row: ScormRow) => ({
  id: row.id,
  title: row.title,
  status: row.status,
  ownerOrgId: row.ownerOrgId,
  launchUrl: `/api/academy/scorm/${row.id}/files/${row.launch.split("/").map(encodeURIComponent).join("/")}`,
  files: row.files.length,
  createdAt: row.createdAt.toISOString(),
  actions: row.status === "published" && authoringPolicy.can(author.actor, "edit", { ownerOrgId: row.ownerOrgId, platformEditor: author.platformEditor }) ? ["retire" as const] : [],
});

// The package's pages run in an iframe of our own origin (the runtime API is found through
// window.parent), so framing is allowed from ourselves only; they may load their own files and
// nothing from elsewhere, may not submit forms or open our API with other methods than the
// player's, and may not be framed by anyone else.
const SCORM_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self'",
  "font-src 'self' data:",
  "connect-src 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join("; ");

export const scormRoutes: RoutesPlugin = async (app, { ctx }) => {
  const maxBytes = ctx.config.UPLOAD_LIMIT_BYTES;
  const author = async (request: Parameters<typeof requireActor>[0]) => authorOf(ctx.db, requireActor(request));

  app.get(
    "/api/academy/scorm",
    { schema: { tags, summary: "SCORM 1.2 packages the caller may play or manage", response: { 200: z.object({ items: z.array(ScormPackageSchema) }), ...errors } } },
    async (request) => {
      const who = await author(request);
      return { items: (await listScorm(ctx.db, who)).map((r) => present(who, r)) };
    },
  );

  app.post(
    "/api/academy/scorm",
    {
      schema: {
        tags,
        summary: "Upload a SCORM 1.2 package zip (imsmanifest.xml at its top); playable at once by its audience",
        consumes: ["multipart/form-data"],
        querystring: OwnerQuery,
        body: z.strictObject({ file: z.string().meta({ format: "binary" }) }).nullish(),
        response: { 201: ScormPackageSchema, 413: errorReplySchema, 415: errorReplySchema, ...errors },
      },
    },
    async (request, reply) => {
      const who = await author(request);
      if (request.query.owner === "organisation" && !who.actor.orgId) throw invalidField("query.owner", "no_current_org");
      const owner = ownerFor(who, request.query.owner);
      if (owner.ownerOrgId === null && !who.platformEditor) throw forbidden();
      authorize(who, "edit", owner);
      const { bytes } = await readUploadedFile(request, maxBytes);
      const row = await uploadScorm(ctx.db, ctx.fileStore, who, owner, bytes, zipLimitsFor(maxBytes), auditContextOf(request));
      reply.status(201);
      return present(who, row);
    },
  );

  app.get(
    "/api/academy/scorm/:packageId",
    { schema: { tags, summary: "A SCORM package and where to launch it", params: ScormParams, response: { 200: ScormPackageSchema, ...errors } } },
    async (request) => {
      const who = await author(request);
      return present(who, await scormFor(ctx.db, who, request.params.packageId));
    },
  );

  app.post(
    "/api/academy/scorm/:packageId/runtime",
    {
      schema: {
        tags,
        summary: "What the SCORM runtime committed: lesson status and score, recorded with an xAPI statement when they change",
        params: ScormParams,
        body: RuntimeReportSchema,
        response: { 200: RuntimeResultSchema, ...errors },
      },
    },
    async (request) => {
      const who = await author(request);
      const { changed, result } = await recordScormResult(ctx.db, ctx.config.publicUrl, who, request.params.packageId, request.body, auditContextOf(request));
      return { lessonStatus: result.lessonStatus as (typeof lessonStatuses)[number], scoreRaw: result.scoreRaw, recorded: changed };
    },
  );

  app.post(
    "/api/academy/scorm/:packageId/retire",
    { schema: { tags, summary: "Retire a SCORM package: nobody can launch it any more", params: ScormParams, response: { 200: ScormPackageSchema, ...errors } } },
    async (request) => {
      const who = await author(request);
      return present(who, await retireScorm(ctx.db, who, request.params.packageId, auditContextOf(request)));
    },
  );

  // the package's own files; a wildcard (folders inside the package), so not in the API document
  app.get("/api/academy/scorm/:packageId/files/*", { schema: { hide: true, params: z.object({ packageId: z.uuid(), "*": z.string() }) } }, async (request, reply) => {
    const who = await author(request);
    const path = safeEntryName(request.params["*"]);
    if (!path) throw notFound();
    const { file, bytes } = await scormFile(ctx.db, ctx.fileStore, who, request.params.packageId, path);
    reply
      .header("content-security-policy", SCORM_CSP)
      .header("x-frame-options", "SAMEORIGIN")
      .header("cross-origin-resource-policy", "same-origin")
      .header("referrer-policy", "no-referrer")
      .header("cache-control", "private, max-age=300");
    return sendBytes(reply, bytes, file.mimeType, request.headers.range);
  });
};
