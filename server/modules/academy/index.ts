import type { CittadellaModule } from "../index.ts";
import { pathsRoutes } from "./paths.routes.ts";
import { quizRoutes } from "./quiz.routes.ts";
import { recordsRoutes } from "./records.routes.ts";
import { assignmentsRoutes } from "./assignments.routes.ts";
import { trainingReportRoutes } from "./training-report.routes.ts";
import { registerAssignmentReminders } from "./assignment-reminders.ts";
import { academyAuthoringRoutes } from "./authoring/index.ts";

export { publishStarterCurriculum } from "./publish-starter.ts";

/** The academy: learning paths, quizzes and exercises, progress, xAPI statements and certificates. */
export const academyModule: CittadellaModule = {
  name: "academy",
  async routes(app, opts) {
    await app.register(pathsRoutes, opts);
    await app.register(quizRoutes, opts);
    await app.register(recordsRoutes, opts);
    await app.register(assignmentsRoutes, opts);
    await app.register(trainingReportRoutes, opts);
    await app.register(academyAuthoringRoutes, opts);
  },
  registerJobs: (ctx) => registerAssignmentReminders(ctx),
};
