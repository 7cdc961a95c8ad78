import { z } from "zod";
import { audiences, pathLevels } from "./content/path-package.ts";

// The API contract of the academy for learners. Nothing here carries an answer: the learner's
// view of a path is built in learner-view.ts and graded results come back from the server.

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const itemId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const languages = ["it", "en"] as const;

export const PathParams = z.strictObject({ slug });
export const PathItemParams = z.strictObject({ slug, itemId });
export const AttemptParams = z.strictObject({ attemptId: z.uuid() });
export const CertificateParams = z.strictObject({ certificateId: z.uuid() });
export const CertificateCodeParams = z.strictObject({ code: z.string().min(1).max(64) });
export const LanguageQuery = z.strictObject({ language: z.enum(languages).optional() });

export const PathListQuery = z.strictObject({
  audience: z.enum(audiences).optional(),
  level: z.enum(pathLevels).optional(),
  language: z.enum(languages).optional(),
  /** words in the title or summary */
  q: z.string().trim().min(1).max(100).optional(),
});

export const PathSummarySchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    language: z.string(),
    version: z.string(),
    title: z.string(),
    summary: z.string(),
    level: z.enum(pathLevels),
    audiences: z.array(z.enum(audiences)),
    visibility: z.enum(["public", "organisation"]),
    ownerOrgId: z.uuid().nullable(),
    publishedAt: z.iso.datetime().nullable(),
    modules: z.number().int(),
  })
  .meta({ id: "AcademyPathSummary" });
export const PathListSchema = z.object({ items: z.array(PathSummarySchema) }).meta({ id: "AcademyPathList" });

const LearnerQuestionSchema = z
  .object({
    id: z.string(),
    type: z.enum(["single", "multiple", "true_false", "matching", "ordering"]),
    prompt: z.string(),
    /** single and multiple choice */
    choices: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
    /** matching: left-hand items in order, right-hand ones shuffled */
    left: z.array(z.string()).optional(),
    right: z.array(z.string()).optional(),
    /** ordering: shuffled */
    steps: z.array(z.string()).optional(),
  })
  .meta({ id: "AcademyQuestion" });

const MessagePartSchema = z.object({ id: z.string(), text: z.string() });
const LearnerItemSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["article", "video", "quiz", "exercise", "resource"]),
    title: z.string(),
    markdown: z.string().optional(),
    estimatedMinutes: z.number().int().optional(),
    media: z.string().optional(),
    captions: z.array(z.object({ language: z.enum(languages), file: z.string() })).optional(),
    transcript: z.string().optional(),
    description: z.string().optional(),
    file: z.string().optional(),
    passMark: z.number().int().optional(),
    drawCount: z.number().int().optional(),
    maxAttempts: z.number().int().nullable().optional(),
    timeLimitMinutes: z.number().int().nullable().optional(),
    questions: z.array(LearnerQuestionSchema).optional(),
    instructions: z.string().optional(),
    exercise: z
      .object({
        type: z.enum(["spot_the_phishing", "branching"]),
        channel: z.enum(["email", "sms", "web_page", "chat"]).optional(),
        header: z.array(z.object({ label: z.string(), part: MessagePartSchema })).optional(),
        body: z.array(MessagePartSchema).optional(),
        /** branching: the first situation; walk the scenario for the next ones */
        start: z.object({ id: z.string(), situation: z.string(), choices: z.array(z.object({ text: z.string() })) }).optional(),
      })
      .optional(),
  })
  .meta({ id: "AcademyItem" });

export const LearnerPathSchema = PathSummarySchema.omit({ modules: true })
  .extend({
    author: z.string(),
    licence: z.string(),
    estimatedMinutes: z.number().int(),
    modules: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        summary: z.string(),
        prerequisites: z.array(z.string()),
        completion: z.enum(["all_items", "pass_quiz"]),
        items: z.array(LearnerItemSchema),
      }),
    ),
  })
  .meta({ id: "AcademyPath" });

export const AnswerInputSchema = z.strictObject({
  questionId: z.string().min(1).max(64),
  /** single choice (one id) and multiple choice */
  choiceIds: z.array(z.string().min(1).max(64)).max(8).optional(),
  /** true/false */
  value: z.boolean().optional(),
  /** matching: for each left-hand item, in the order shown, the right-hand text chosen */
  matches: z.array(z.string().max(300)).max(8).optional(),
  /** ordering: the steps' texts in the learner's order */
  order: z.array(z.string().max(300)).max(8).optional(),
});
export const AnswersBodySchema = z.strictObject({ answers: z.array(AnswerInputSchema).max(100) });

const CompletionSchema = {
  /** modules this event completed */
  completedModules: z.array(z.string()),
  pathCompleted: z.boolean(),
  /** the verification code of the certificate issued when the path was completed */
  certificateCode: z.string().nullable(),
};

const QuizGradeSchema = {
  passMark: z.number().int(),
  questions: z.array(z.object({ questionId: z.string(), right: z.boolean(), points: z.number(), feedback: z.array(z.string()) })),
  points: z.number(),
  maxPoints: z.number().int(),
  scorePercent: z.number(),
  passed: z.boolean(),
};
export const QuizCheckSchema = z.object(QuizGradeSchema).meta({ id: "AcademyQuizCheck" });
export const QuizSubmissionSchema = z.object({ attemptId: z.uuid(), ...QuizGradeSchema, ...CompletionSchema }).meta({ id: "AcademyQuizSubmission" });

export const AttemptSchema = z
  .object({
    id: z.uuid(),
    pathSlug: z.string(),
    quizId: z.string(),
    startedAt: z.iso.datetime(),
    deadlineAt: z.iso.datetime().nullable(),
    /** 1 for the first attempt */
    attemptNumber: z.number().int(),
    maxAttempts: z.number().int().nullable(),
    passMark: z.number().int(),
    questions: z.array(LearnerQuestionSchema),
  })
  .meta({ id: "AcademyQuizAttempt" });
export const StartedAttemptSchema = z.object({ attempt: AttemptSchema, resumed: z.boolean() }).meta({ id: "AcademyStartedAttempt" });

export const PhishingCheckBodySchema = z.strictObject({ marked: z.array(z.string().min(1).max(64)).max(40) });
export const PhishingCheckSchema = z
  .object({
    parts: z.array(z.object({ partId: z.string(), marked: z.boolean(), suspicious: z.boolean(), right: z.boolean(), feedback: z.string() })),
    found: z.number().int(),
    suspiciousParts: z.number().int(),
    scorePercent: z.number(),
    debrief: z.string(),
    /** false for a learner without an account: nothing was stored */
    recorded: z.boolean(),
    ...CompletionSchema,
  })
  .meta({ id: "AcademyPhishingCheck" });

export const ScenarioWalkBodySchema = z.strictObject({ choices: z.array(z.number().int().min(0).max(4)).max(40) });
export const ScenarioStepSchema = z
  .object({
    node: z.object({ id: z.string(), situation: z.string(), choices: z.array(z.object({ text: z.string() })) }),
    /** the consequence of the last choice */
    feedback: z.string().nullable(),
    ending: z.object({ outcome: z.enum(["good", "acceptable", "bad"]), scorePercent: z.number(), debrief: z.string() }).nullable(),
    recorded: z.boolean(),
    ...CompletionSchema,
  })
  .meta({ id: "AcademyScenarioStep" });

export const CompleteItemBodySchema = z.strictObject({ durationSeconds: z.number().int().min(0).max(86_400).optional() });
export const CompletedItemSchema = z.object({ itemId: z.string(), status: z.literal("completed"), ...CompletionSchema }).meta({ id: "AcademyCompletedItem" });

export const ProgressSchema = z
  .object({
    pathSlug: z.string(),
    completed: z.boolean(),
    completedAt: z.iso.datetime().nullable(),
    certificate: z.object({ id: z.uuid(), code: z.string(), issuedAt: z.iso.datetime() }).nullable(),
    modules: z.array(
      z.object({
        id: z.string(),
        completed: z.boolean(),
        completedAt: z.iso.datetime().nullable(),
        /** prerequisites not complete yet: its quiz cannot be started */
        locked: z.boolean(),
        items: z.array(
          z.object({
            id: z.string(),
            status: z.enum(["not_started", "completed", "passed", "failed"]),
            score: z.number().nullable(),
            completedAt: z.iso.datetime().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "AcademyProgress" });

export const StatementsQuery = z.strictObject({
  scope: z.enum(["mine", "organisation"]).default("mine"),
  since: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
export const StatementResultSchema = z
  .object({
    /** xAPI 1.0.3 statements, as stored */
    statements: z.array(z.record(z.string(), z.unknown())),
    /** the address of the next page, "" when there is none */
    more: z.string(),
  })
  .meta({ id: "XapiStatementResult" });

export const CertificateSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    learnerName: z.string(),
    pathSlug: z.string(),
    pathTitle: z.string(),
    minutes: z.number().int(),
    issuedAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "AcademyCertificate" });
export const CertificateListSchema = z.object({ items: z.array(CertificateSchema) }).meta({ id: "AcademyCertificateList" });
export const CertificateVerificationSchema = z
  .object({
    code: z.string(),
    learnerName: z.string(),
    pathTitle: z.string(),
    pathSlug: z.string(),
    issuedAt: z.iso.datetime(),
    /** false once revoked */
    valid: z.boolean(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "AcademyCertificateVerification" });
