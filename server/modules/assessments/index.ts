import type { CittadellaModule } from "../index.ts";
import { assessmentsRoutes } from "./assessments.routes.ts";

/** Posture assessments against the shipped frameworks: answers, workflow, scores and gaps. */
export const assessmentsModule: CittadellaModule = {
  name: "assessments",
  routes: assessmentsRoutes,
};
