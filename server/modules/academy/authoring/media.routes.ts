import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { RoutesPlugin } from "../../../platform/http/types.ts";
import { learnerOrAnonymous } from "../paths.routes.ts";
import { parseRange } from "./byte-range.ts";
import { mediaFile } from "./media.service.ts";
import { safeEntryName } from "./package-zip.ts";
import { notFound } from "../../../platform/http/errors.ts";

// Videos, captions and resources of a path version, served for <video> and <track>: byte ranges
// (a player seeks without downloading the whole file), captions as text/vtt. Not in the API
// document: the name is a path inside the package, slashes included, so the route is a wildcard.

const MediaParams = z.object({ pathId: z.uuid(), "*": z.string() });

export function sendBytes(reply: FastifyReply, bytes: Buffer, mimeType: string, range: string | undefined) {
  reply.header("accept-ranges", "bytes").header("content-type", mimeType).header("x-content-type-options", "nosniff");
  const answer = parseRange(range, bytes.length);
  if (answer.kind === "unsatisfiable") {
    return reply.status(416).header("content-range", `bytes */${bytes.length}`).send();
  }
  if (answer.kind === "partial") {
    return reply
      .status(206)
      .header("content-range", `bytes ${answer.start}-${answer.end}/${bytes.length}`)
      .send(bytes.subarray(answer.start, answer.end + 1));
  }
  return reply.status(200).send(bytes);
}

export const mediaRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get("/api/academy/media/:pathId/*", { schema: { hide: true, params: MediaParams } }, async (request, reply) => {
    const name = safeEntryName(request.params["*"]);
    if (!name) throw notFound();
    const { media, bytes } = await mediaFile(ctx.db, ctx.fileStore, learnerOrAnonymous(request), request.params.pathId, name);
    // a resource downloads; videos and captions play in the page
    if (!media.mimeType.startsWith("video/") && media.mimeType !== "text/vtt") {
      reply.header("content-disposition", `attachment; filename="${name.split("/").pop()!.replace(/[^\w.-]/g, "_")}"`);
    }
    reply.header("content-security-policy", "default-src 'none'; sandbox").header("cache-control", "private, max-age=300").header("cross-origin-resource-policy", "same-origin");
    return sendBytes(reply, bytes, media.mimeType === "text/vtt" ? "text/vtt; charset=utf-8" : media.mimeType, request.headers.range);
  });
};
