import { z } from "zod";
import { audiences, pathLevels } from "../content/path-package.ts";

// The API contract of academy authoring: editors' view of paths, with everything in them.

export const PathVersionParams = z.strictObject({ pathId: z.uuid() });
export const OwnerSchema = z.enum(["platform", "organisation"]).describe("platform: a path for everyone (academy editors); organisation: the caller's organisation's own");
export const OwnerQuery = z.strictObject({ owner: OwnerSchema.default("organisation") });

export const CreateDraftBodySchema = z.union([
  z.strictObject({ owner: OwnerSchema, package: z.unknown().describe("a path package, docs/ACADEMY-FORMAT.md") }),
  z.strictObject({ copyFrom: z.uuid().describe("a version of a path: the new draft copies it as the next version") }),
]);
export const UpdateDraftBodySchema = z.strictObject({ package: z.unknown().describe("the whole package; id and language stay those of the draft") });

const status = z.enum(["draft", "published", "retired"]);
const actions = z.array(z.enum(["edit", "publish", "retire", "newVersion", "export"]));

export const AuthoredPathSummarySchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    language: z.string(),
    version: z.string(),
    status,
    ownerOrgId: z.uuid().nullable(),
    visibility: z.enum(["public", "organisation"]),
    title: z.string(),
    publishedAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
    actions,
  })
  .meta({ id: "AcademyAuthoredPathSummary" });

export const AuthoredPathListSchema = z
  .object({
    items: z.array(AuthoredPathSummarySchema),
    /** may the caller write platform-wide paths */
    platformEditor: z.boolean(),
    /** may the caller write its organisation's paths */
    organisationEditor: z.boolean(),
  })
  .meta({ id: "AcademyAuthoredPathList" });

export const AuthoredPathSchema = AuthoredPathSummarySchema.extend({
  level: z.enum(pathLevels),
  audiences: z.array(z.enum(audiences)),
  content: z.record(z.string(), z.unknown()).describe("the package as stored"),
  media: z.array(z.object({ name: z.string(), mimeType: z.string(), sizeBytes: z.number().int() })),
  /** what would stop publishing now (files missing), each named by its JSON path */
  publishProblems: z.array(z.object({ field: z.string(), name: z.string() })),
}).meta({ id: "AcademyAuthoredPath" });
