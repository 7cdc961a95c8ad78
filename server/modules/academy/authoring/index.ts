import multipart from "@fastify/multipart";
import type { RoutesPlugin } from "../../../platform/http/types.ts";
import { authoringRoutes } from "./authoring.routes.ts";
import { mediaRoutes } from "./media.routes.ts";
import { scormRoutes } from "./scorm.routes.ts";

export { grantAcademyEditor } from "./authoring.policy.ts";

/** Academy authoring: drafts, versions, package zips, media with byte ranges, SCORM 1.2. */
export const academyAuthoringRoutes: RoutesPlugin = async (app, opts) => {
  // one zip or media file per request; the size limit comes from configuration
  await app.register(multipart, { limits: { fileSize: opts.ctx.config.UPLOAD_LIMIT_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1_024 } });
  await app.register(authoringRoutes, opts);
  await app.register(mediaRoutes, opts);
  await app.register(scormRoutes, opts);
};
