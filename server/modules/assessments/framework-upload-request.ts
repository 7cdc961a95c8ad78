import type { FastifyRequest } from "fastify";
import { HttpError, invalidField } from "../../platform/http/errors.ts";
import type { FrameworkFile } from "./catalogs/framework-file.ts";

/**
 * A framework upload: one or two parts named "file" (two only for both ACN annexes) and, for a CSV,
 * a field "frameworkId" naming the framework it belongs to. Same errors as readUploadedFile.
 */
export async function readFrameworkUpload(request: FastifyRequest, maxBytes: number): Promise<{ files: FrameworkFile[]; frameworkId: string | undefined }> {
  if (!request.isMultipart()) throw new HttpError(415, "unsupported_media_type", [{ field: "body", reason: "file_required" }]);
  const files: FrameworkFile[] = [];
  let frameworkId: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (part.fieldname !== "file") throw invalidField(`body.${part.fieldname}`, "unrecognized_key");
        files.push({ bytes: new Uint8Array(await part.toBuffer()), fileName: part.filename });
      } else if (part.fieldname === "frameworkId") {
        const value = String(part.value ?? "").trim();
        if (value) frameworkId = value;
      } else throw invalidField(`body.${part.fieldname}`, "unrecognized_key");
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE")
      throw new HttpError(413, "body_too_large", [{ field: "body.file", reason: "file_too_large", params: { maximum: maxBytes } }]);
    if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT") throw invalidField("body.file", "too_big_array", { maximum: 2 });
    throw error;
  }
  if (!files.length) throw invalidField("body.file", "file_required");
  return { files, frameworkId };
}
