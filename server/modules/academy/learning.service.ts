import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { HttpError, invalidField } from "../../platform/http/errors.ts";
import { learningPathPolicy } from "./academy.policy.ts";
import { checkSpotThePhishing, unknownParts, walkScenario } from "./exercises.ts";
import type { LoadedPath } from "./path-content.ts";
import { exerciseOf, itemOf } from "./paths.service.ts";
import { recordOutcome } from "./progress.service.ts";

// Articles, videos and resources marked done, and the two kinds of exercise. Anyone may do an
// exercise on a path they can see; only a signed-in learner's work is recorded.

const recordable = (actor: Actor | null, path: LoadedPath): actor is Actor => actor !== null && learningPathPolicy.can(actor, "learn", path.row);

/** An article read, a video watched, a resource fetched: done, with the time spent when known. */
export async function completeItem(db: Db, publicUrl: string, actor: Actor, path: LoadedPath, itemId: string, durationSeconds: number | undefined, audit: AuditContext) {
  learningPathPolicy.authorize(actor, "learn", path.row);
  const { item } = itemOf(path, itemId, ["article", "video", "resource", "quiz", "exercise"]);
  if (item.kind === "quiz" || item.kind === "exercise") throw invalidField("params.itemId", "academy_item_not_completable");
  const recorded = await db.transaction((tx) =>
    recordOutcome(
      tx,
      publicUrl,
      actor,
      path,
      { itemId, status: "completed" },
      [
        {
          verb: "experienced",
          object: { kind: item.kind, id: item.id, title: item.title },
          result: { completion: true, ...(durationSeconds !== undefined ? { durationMs: durationSeconds * 1000 } : {}) },
        },
      ],
      audit,
    ),
  );
  return { itemId, status: "completed" as const, completedModules: recorded.modules, pathCompleted: recorded.path, certificateCode: recorded.certificateCode };
}

/** Spot the phishing: feedback on every part, right or wrong, and the share judged right. */
export async function checkPhishing(db: Db, publicUrl: string, actor: Actor | null, path: LoadedPath, itemId: string, marked: string[], audit: AuditContext) {
  const { exercise } = exerciseOf(path, itemId);
  if (exercise.exercise.type !== "spot_the_phishing") throw new HttpError(404, "not_found");
  const unknown = unknownParts(exercise.exercise, marked);
  if (unknown !== -1) throw invalidField(`body.marked[${unknown}]`, "exercise_part_unknown", { id: marked[unknown]! });
  const result = checkSpotThePhishing(exercise.exercise, marked);
  if (!recordable(actor, path)) return { ...result, recorded: false, completedModules: [], pathCompleted: false, certificateCode: null };
  const recorded = await db.transaction((tx) =>
    recordOutcome(
      tx,
      publicUrl,
      actor,
      path,
      { itemId, status: "completed", scorePercent: result.scorePercent },
      [
        {
          verb: "answered",
          object: { kind: "exercise", id: exercise.id, title: exercise.title },
          result: { scorePercent: result.scorePercent, completion: true, response: [...new Set(marked)].join("[,]") },
        },
      ],
      audit,
    ),
  );
  return { ...result, recorded: true, completedModules: recorded.modules, pathCompleted: recorded.path, certificateCode: recorded.certificateCode };
}

/** A branching scenario, replayed from the start through the learner's choices; an ending reached is recorded. */
export async function walkBranching(db: Db, publicUrl: string, actor: Actor | null, path: LoadedPath, itemId: string, choices: number[], audit: AuditContext) {
  const { exercise } = exerciseOf(path, itemId);
  if (exercise.exercise.type !== "branching") throw new HttpError(404, "not_found");
  const walk = walkScenario(exercise.exercise, choices);
  if (walk.invalidAt !== null) throw invalidField(`body.choices[${walk.invalidAt}]`, "scenario_choice_invalid");
  const { node, feedback, ending } = walk;
  const reply = { node, feedback, ending, recorded: false, completedModules: [] as string[], pathCompleted: false, certificateCode: null as string | null };
  if (!ending || !recordable(actor, path)) return reply;
  const recorded = await db.transaction((tx) =>
    recordOutcome(
      tx,
      publicUrl,
      actor,
      path,
      { itemId, status: "completed", scorePercent: ending.scorePercent },
      [
        {
          verb: "completed",
          object: { kind: "exercise", id: exercise.id, title: exercise.title },
          result: { scorePercent: ending.scorePercent, success: ending.outcome !== "bad", completion: true, response: node.id },
        },
      ],
      audit,
    ),
  );
  return { ...reply, recorded: true, completedModules: recorded.modules, pathCompleted: recorded.path, certificateCode: recorded.certificateCode };
}
