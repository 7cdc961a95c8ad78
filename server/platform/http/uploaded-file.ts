import type { FastifyRequest } from "fastify";
import { HttpError, invalidField } from "./errors.ts";

/**
 * The one file of a multipart request, in a part named "file", read whole. Errors name the field:
 * 415 when the request is not multipart, 422 when the part is missing, 413 past `maxBytes` (the
 * limit the route's multipart registration enforces).
 */
export async function readUploadedFile(request: FastifyRequest, maxBytes: number): Promise<{ bytes: Buffer; fileName: string }> {
  if (!request.isMultipart()) throw new HttpError(415, "unsupported_media_type", [{ field: "body", reason: "file_required" }]);
  const part = await request.file();
  if (!part || part.fieldname !== "file") throw invalidField("body.file", "file_required");
  try {
    return { bytes: await part.toBuffer(), fileName: part.filename };
  } catch (error) {
    if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
      throw new HttpError(413, "body_too_large", [{ field: "body.file", reason: "file_too_large", params: { maximum: maxBytes } }]);
    }
    throw error;
  }
}
