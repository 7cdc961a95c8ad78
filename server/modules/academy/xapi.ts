import { randomUUID } from "node:crypto";
import type { Tx } from "../../db/client.ts";
import { xapiStatements } from "./academy.tables.ts";

// Learning events as xAPI 1.0.3 statements (https://github.com/adlnet/xAPI-Spec). The actor is an
// account on this server (homePage = PUBLIC_URL, name = the user's id): no name or email leaves
// in an export, yet a learning record store can still tell learners apart.

export const verbs = {
  attempted: { id: "http://adlnet.gov/expapi/verbs/attempted", display: { "it-IT": "ha tentato", "en-US": "attempted" } },
  answered: { id: "http://adlnet.gov/expapi/verbs/answered", display: { "it-IT": "ha risposto", "en-US": "answered" } },
  passed: { id: "http://adlnet.gov/expapi/verbs/passed", display: { "it-IT": "ha superato", "en-US": "passed" } },
  failed: { id: "http://adlnet.gov/expapi/verbs/failed", display: { "it-IT": "non ha superato", "en-US": "failed" } },
  completed: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "it-IT": "ha completato", "en-US": "completed" } },
  experienced: { id: "http://adlnet.gov/expapi/verbs/experienced", display: { "it-IT": "ha fruito", "en-US": "experienced" } },
} as const;
export type Verb = keyof typeof verbs;

const activityTypes = {
  path: "http://adlnet.gov/expapi/activities/course",
  module: "http://adlnet.gov/expapi/activities/module",
  article: "http://adlnet.gov/expapi/activities/lesson",
  video: "http://adlnet.gov/expapi/activities/media",
  resource: "http://adlnet.gov/expapi/activities/file",
  quiz: "http://adlnet.gov/expapi/activities/assessment",
  exercise: "http://adlnet.gov/expapi/activities/simulation",
} as const;

export interface LearningEvent {
  verb: Verb;
  /** what the event is about: the path itself, one of its modules or one of its items */
  object: { kind: keyof typeof activityTypes; id: string; title: string };
  result?: {
    /** 0..100 */
    scorePercent?: number;
    raw?: number;
    min?: number;
    max?: number;
    success?: boolean;
    completion?: boolean;
    durationMs?: number;
    response?: string;
  };
  /** groups the statements of one quiz attempt */
  registration?: string;
}

export interface StatementContext {
  publicUrl: string;
  userId: string;
  orgId: string | null;
  path: { slug: string; title: string; language: string; version: string };
}

export function activityId(publicUrl: string, slug: string, object?: { kind: string; id: string }) {
  const path = `${publicUrl.replace(/\/$/, "")}/academy/paths/${encodeURIComponent(slug)}`;
  if (!object || object.kind === "path") return path;
  return `${path}/${object.kind === "module" ? "modules" : "items"}/${encodeURIComponent(object.id)}`;
}

/** ISO 8601 duration with seconds to two decimals, as xAPI asks. */
export function isoDuration(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = Math.round((total % 60) * 100) / 100;
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds}S`;
}

export function buildStatement(context: StatementContext, event: LearningEvent, at: Date) {
  const language = context.path.language === "en" ? "en-GB" : "it-IT";
  const pathActivity = {
    objectType: "Activity",
    id: activityId(context.publicUrl, context.path.slug),
    definition: { name: { [language]: context.path.title }, type: activityTypes.path },
  };
  const object =
    event.object.kind === "path"
      ? pathActivity
      : {
          objectType: "Activity",
          id: activityId(context.publicUrl, context.path.slug, event.object),
          definition: { name: { [language]: event.object.title }, type: activityTypes[event.object.kind] },
        };
  const r = event.result;
  const result = r
    ? {
        ...(r.scorePercent !== undefined
          ? { score: { scaled: Math.round(r.scorePercent * 10) / 1000, raw: r.raw ?? r.scorePercent, min: r.min ?? 0, max: r.max ?? 100 } }
          : {}),
        ...(r.success !== undefined ? { success: r.success } : {}),
        ...(r.completion !== undefined ? { completion: r.completion } : {}),
        ...(r.durationMs !== undefined ? { duration: isoDuration(r.durationMs) } : {}),
        ...(r.response !== undefined ? { response: r.response } : {}),
      }
    : undefined;
  return {
    id: randomUUID(),
    actor: { objectType: "Agent", account: { homePage: context.publicUrl, name: context.userId } },
    verb: verbs[event.verb],
    object,
    ...(result ? { result } : {}),
    context: {
      ...(event.registration ? { registration: event.registration } : {}),
      language,
      ...(event.object.kind === "path" ? {} : { contextActivities: { parent: [pathActivity] } }),
      extensions: { [`${context.publicUrl.replace(/\/$/, "")}/academy/xapi/path-version`]: context.path.version },
    },
    timestamp: at.toISOString(),
    stored: at.toISOString(),
    version: "1.0.3",
  };
}
export type Statement = ReturnType<typeof buildStatement>;

/** Stores the statements of one event in one INSERT, inside the caller's transaction. */
export async function recordStatements(tx: Tx, context: StatementContext, events: LearningEvent[], at = new Date()) {
  if (!events.length) return [];
  const statements = events.map((e) => buildStatement(context, e, at));
  await tx.insert(xapiStatements).values(
    statements.map((s) => ({
      id: s.id,
      userId: context.userId,
      orgId: context.orgId,
      verb: s.verb.id,
      objectId: s.object.id,
      statement: s as unknown as Record<string, unknown>,
      stored: at,
    })),
  );
  return statements;
}
