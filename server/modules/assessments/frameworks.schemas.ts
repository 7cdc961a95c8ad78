import { z } from "zod";
import { SOURCE_FORMATS } from "./catalogs/framework-file.ts";

// The frameworks as the API shows them: the shipped ones (in the organisation's wording where it
// loaded the official one) and the organisation's own.

export const TextSchema = z.object({ it: z.string().optional(), en: z.string().optional() }).meta({ id: "LocalizedText" });
const LevelSchema = z.object({ id: z.string(), title: TextSchema });
const MaturityStepSchema = z.object({ value: z.number().int(), title: TextSchema, description: TextSchema.optional() });

const RequirementSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: TextSchema,
    guidance: TextSchema.optional(),
    levels: z.array(z.string()).optional(),
    importance: z.number().int().optional(),
    mappings: z.array(z.object({ framework: z.string(), requirementId: z.string() })).optional(),
    get children(): z.ZodOptional<z.ZodArray<typeof RequirementSchema>> {
      return z.array(RequirementSchema).optional();
    },
  })
  .meta({ id: "FrameworkRequirement" });

const summaryShape = {
  id: z.string(),
  version: z.string(),
  title: TextSchema,
  description: TextSchema.optional(),
  publisher: z.string(),
  levels: z.array(LevelSchema).optional(),
  maturityScale: z.array(MaturityStepSchema),
};
const countsShape = { requirementCounts: z.record(z.string(), z.record(z.string(), z.number().int())) };

export const FrameworkSummarySchema = z.object({ ...summaryShape, ...countsShape }).meta({ id: "FrameworkSummary" });
export const FrameworkSchema = z.object({ ...summaryShape, requirements: z.array(RequirementSchema) }).meta({ id: "Framework" });

export const FrameworkOriginSchema = z.enum(["shipped", "official_wording", "custom"]);
export const OrganisationFrameworkSchema = z
  .object({
    ...summaryShape,
    ...countsShape,
    /** shipped as is, shipped in the official wording the organisation loaded, or its own */
    origin: FrameworkOriginSchema,
    upload: z
      .object({
        format: z.enum(SOURCE_FORMATS),
        fileName: z.string(),
        version: z.string(),
        uploadedAt: z.iso.datetime(),
        uploadedByName: z.string().nullable(),
      })
      .nullable(),
    actions: z.array(z.enum(["delete"])),
  })
  .meta({ id: "OrganisationFramework" });

export const OrganisationFrameworksSchema = z
  .object({ items: z.array(OrganisationFrameworkSchema), actions: z.array(z.enum(["upload"])) })
  .meta({ id: "OrganisationFrameworks" });

export const FrameworkUploadResultSchema = z
  .object({
    framework: OrganisationFrameworkSchema,
    /** for official wording: how many requirements of the shipped framework the file worded */
    replacedRequirements: z.number().int().nullable(),
  })
  .meta({ id: "FrameworkUploadResult" });

export const OrgFrameworkParams = z.strictObject({ orgId: z.uuid(), frameworkId: z.string().max(64) });
