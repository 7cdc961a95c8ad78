import { z } from "zod";

// The API contract of evidence attached to answers.

/** give either url or fileId (checked in the service, after the caller's rights) */
export const EvidenceInputSchema = z.strictObject({
    requirementId: z.string().min(1).max(64),
    /** shown in lists and in the report; defaults to the file name or the link */
    title: z.string().trim().min(1).max(200).optional(),
    /** a web page or document elsewhere (http or https) */
    url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    /** a file uploaded first with POST /api/orgs/{orgId}/files */
    fileId: z.uuid().optional(),
    expiresOn: z.iso.date().optional(),
});
export type EvidenceInput = z.infer<typeof EvidenceInputSchema>;

/** the evidence's details when its file is uploaded with it (the body is the multipart file) */
export const EvidenceUploadQuerySchema = z.strictObject({
  requirementId: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(200).optional(),
  expiresOn: z.iso.date().optional(),
});
export type EvidenceUploadQuery = z.infer<typeof EvidenceUploadQuerySchema>;

export const EvidenceQuerySchema = z.strictObject({ requirementId: z.string().min(1).max(64).optional() });

export const EvidenceSchema = z
  .object({
    id: z.uuid(),
    requirementId: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    file: z.object({ id: z.uuid(), name: z.string(), mimeType: z.string() }).nullable(),
    expiresOn: z.string().nullable(),
    /** the expiry date has passed: the evidence no longer proves the answer */
    expired: z.boolean(),
    addedBy: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AssessmentEvidence" });

export const EvidenceListSchema = z.object({ items: z.array(EvidenceSchema) }).meta({ id: "AssessmentEvidenceList" });

export const EvidenceParams = z.strictObject({ orgId: z.uuid(), assessmentId: z.uuid(), evidenceId: z.uuid() });
