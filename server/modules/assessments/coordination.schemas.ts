import { z } from "zod";

// The API contract of the coordinator view and of the peer benchmark.

const localized = z.object({ it: z.string().optional(), en: z.string().optional() });

const FunctionHeadlineSchema = z.object({
  id: z.string(),
  title: localized,
  compliancePercent: z.number().nullable(),
  averageCurrentMaturity: z.number().nullable(),
});

export const CoordinatedAssessmentsSchema = z
  .object({
    items: z.array(
      z.object({
        organisation: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
        /** the latest approved assessment shared upward, one per framework, level and scope */
        assessments: z.array(
          z.object({
            id: z.uuid(),
            frameworkId: z.string(),
            level: z.string().nullable(),
            scopeService: z.string().nullable(),
            title: z.string(),
            approvedAt: z.iso.datetime({ offset: true }).nullable(),
            approvedByName: z.string().nullable(),
            compliancePercent: z.number().nullable(),
            averageCurrentMaturity: z.number().nullable(),
            functions: z.array(FunctionHeadlineSchema),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "CoordinatedAssessments" });

const SpreadSchema = z.object({ q1: z.number(), median: z.number(), q3: z.number() }).nullable();

export const PeerBenchmarkSchema = z
  .object({
    assessmentId: z.uuid(),
    frameworkId: z.string(),
    level: z.string().nullable(),
    organisationType: z.string(),
    /** false when fewer than 5 other organisations of the same type contribute: no figure then */
    available: z.boolean(),
    contributors: z.number().int(),
    minimumContributors: z.number().int(),
    overall: SpreadSchema.optional(),
    /** per function; null figures when fewer than 5 contributors have a score for that function */
    functions: z.array(z.object({ id: z.string(), title: localized, compliancePercent: SpreadSchema })).optional(),
    /** this assessment's own figures, to place it against the peers */
    own: z.object({ compliancePercent: z.number().nullable(), functions: z.array(z.object({ id: z.string(), compliancePercent: z.number().nullable() })) }).optional(),
  })
  .meta({ id: "PeerBenchmark" });
