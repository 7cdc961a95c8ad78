import { z } from "zod";

// A learning path as a file: what the starter curriculum ships in catalogs/academy/, what an editor
// exports and imports (docs/ACADEMY-FORMAT.md). One language per package: the curriculum is
// written in Italian first; a translation is another package with the same id and its own
// language, so nobody has to keep two languages in step inside one quiz.

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "lower-case letters, digits and dashes, at most 64");
const text = (max: number) => z.string().trim().min(1).max(max);

export const audiences = ["employees", "it_operators", "managers", "students", "citizens", "companies"] as const;
export const pathLevels = ["base", "intermedio", "avanzato"] as const;

const feedback = text(1000).optional();

const choice = z.strictObject({ id, text: text(500), correct: z.boolean(), feedback });

const singleChoice = z.strictObject({
  id,
  type: z.literal("single"),
  prompt: text(1000),
  choices: z.array(choice).min(2).max(8),
  explanation: feedback,
});
const multipleChoice = singleChoice.extend({ type: z.literal("multiple") });
const trueFalse = z.strictObject({
  id,
  type: z.literal("true_false"),
  prompt: text(1000),
  answer: z.boolean(),
  feedbackTrue: feedback,
  feedbackFalse: feedback,
  explanation: feedback,
});
const matching = z.strictObject({
  id,
  type: z.literal("matching"),
  prompt: text(1000),
  /** each left item goes with its right item; the learner sees the right column shuffled */
  pairs: z.array(z.strictObject({ left: text(300), right: text(300) })).min(2).max(8),
  explanation: feedback,
});
const ordering = z.strictObject({
  id,
  type: z.literal("ordering"),
  prompt: text(1000),
  /** in the right order; the learner sees them shuffled */
  steps: z.array(text(300)).min(2).max(8),
  explanation: feedback,
});

export const question = z.discriminatedUnion("type", [singleChoice, multipleChoice, trueFalse, matching, ordering]);
export type Question = z.infer<typeof question>;

const quiz = z.strictObject({
  id,
  kind: z.literal("quiz"),
  title: text(200),
  /** questions drawn at random from the bank for each attempt; absent: all of them */
  drawCount: z.number().int().min(1).optional(),
  /** percentage of points needed to pass */
  passMark: z.number().int().min(1).max(100),
  maxAttempts: z.number().int().min(1).max(20).optional(),
  timeLimitMinutes: z.number().int().min(1).max(240).optional(),
  questions: z.array(question).min(1),
});

const article = z.strictObject({
  id,
  kind: z.literal("article"),
  title: text(200),
  /** Markdown; rendered sanitised (no raw HTML) */
  markdown: text(40_000),
  estimatedMinutes: z.number().int().min(1).max(120),
});

const video = z.strictObject({
  id,
  kind: z.literal("video"),
  title: text(200),
  /** file names inside the package zip */
  media: text(200),
  captions: z.array(z.strictObject({ language: z.enum(["it", "en"]), file: text(200) })).min(1),
  transcript: text(40_000),
  estimatedMinutes: z.number().int().min(1).max(120),
});

const resource = z.strictObject({
  id,
  kind: z.literal("resource"),
  title: text(200),
  description: text(2000),
  file: text(200),
});

// "Spot the phishing": a message shown as the learner would meet it, split into parts; the learner
// marks the parts they find suspicious and gets feedback on each, right or wrong.
const messagePart = z.strictObject({ id, text: text(2000), suspicious: z.boolean(), feedback: text(1000) });
const spotThePhishing = z.strictObject({
  type: z.literal("spot_the_phishing"),
  channel: z.enum(["email", "sms", "web_page", "chat"]),
  /** e.g. from, subject, address bar: parts the learner can mark, too */
  header: z.array(z.strictObject({ label: text(60), part: messagePart })).max(6),
  body: z.array(messagePart).min(2).max(30),
  debrief: text(4000),
});

// A branching scenario: situations with choices leading to other situations or to an ending.
const choiceOption = z.strictObject({ text: text(500), next: id, feedback: text(1000) });
const scenarioNode = z.strictObject({
  id,
  situation: text(3000),
  /** no choices: an ending */
  choices: z.array(choiceOption).max(5).default([]),
  outcome: z.enum(["good", "acceptable", "bad"]).optional(),
});
const branching = z.strictObject({
  type: z.literal("branching"),
  start: id,
  nodes: z.array(scenarioNode).min(2).max(40),
  debrief: text(4000),
});

const exercise = z.strictObject({
  id,
  kind: z.literal("exercise"),
  title: text(200),
  instructions: text(2000),
  exercise: z.discriminatedUnion("type", [spotThePhishing, branching]),
});

export const pathItem = z.discriminatedUnion("kind", [article, video, quiz, exercise, resource]);
export type PathItem = z.infer<typeof pathItem>;

const pathModule = z.strictObject({
  id,
  title: text(200),
  summary: text(1000),
  /** ids of modules of this path that must be completed first */
  prerequisites: z.array(id).default([]),
  /** what completes the module: every item, or passing its quiz */
  completion: z.enum(["all_items", "pass_quiz"]),
  items: z.array(pathItem).min(1),
});

export const pathPackage = z.strictObject({
  format: z.literal("cittadella-academy-path/1"),
  id,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "semantic version, e.g. 1.0.0"),
  language: z.enum(["it", "en"]),
  title: text(200),
  summary: text(2000),
  audiences: z.array(z.enum(audiences)).min(1),
  level: z.enum(pathLevels),
  /** who wrote it, shown on the path page and on certificates */
  author: text(200),
  licence: text(100),
  modules: z.array(pathModule).min(1),
});
export type PathPackage = z.infer<typeof pathPackage>;
