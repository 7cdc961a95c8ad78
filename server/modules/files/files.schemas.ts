import { z } from "zod";

// The API contract of the files module. Uploads are multipart/form-data with one part named "file".

export const StoredFileSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** found by reading the content, never taken from the name or the client */
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    actions: z.array(z.string()),
  })
  .meta({ id: "StoredFile" });

export const FilesPageSchema = z
  .object({ items: z.array(StoredFileSchema), nextCursor: z.string().nullable() })
  .meta({ id: "FilesPage" });

export const FilesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type FilesQuery = z.infer<typeof FilesQuerySchema>;

export const FileParams = z.strictObject({ orgId: z.uuid(), fileId: z.uuid() });
