import { z } from "zod";

// The API contract of comments on answers and of pre-filling from mapped frameworks.

const requirementId = z.string().min(1).max(64);

export const CommentInputSchema = z.strictObject({ requirementId, body: z.string().trim().min(1).max(5000) });
export const CommentsQuerySchema = z.strictObject({ requirementId: requirementId.optional() });

export const CommentSchema = z
  .object({
    id: z.uuid(),
    requirementId: z.string(),
    authorId: z.uuid().nullable(),
    authorName: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    /** copied, with its original date, from the cycle this assessment was started from */
    fromPreviousCycle: z.boolean(),
  })
  .meta({ id: "AssessmentComment" });

export const CommentListSchema = z.object({ items: z.array(CommentSchema) }).meta({ id: "AssessmentCommentList" });

export const PrefillInputSchema = z.strictObject({
  /** an assessment of the same organisation against a framework mapped to this one */
  fromAssessmentId: z.uuid(),
});
