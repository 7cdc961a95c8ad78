import type { CittadellaModule } from "../index.ts";
import { risksRoutes } from "./risks.routes.ts";
import { riskMatrixRoutes } from "./risk-matrix.routes.ts";
import { risksExportRoutes } from "./risks-export.routes.ts";
import { registerReviewReminders } from "./risk-reviews.ts";
import { actionsRoutes } from "./actions.routes.ts";
import { roadmapExportRoutes } from "./roadmap-export.routes.ts";
import { registerLateActions } from "./late-actions.ts";

// What the roadmap needs of the register: risks' levels, likelihood and impact by id.
export { loadRiskLevels } from "./risk-levels.ts";

/** The risk register (threats, matrix, risks, heat map, reviews) and the improvement roadmap. */
export const risksModule: CittadellaModule = {
  name: "risks",
  async routes(app, opts) {
    await app.register(riskMatrixRoutes, opts);
    await app.register(risksRoutes, opts);
    await app.register(risksExportRoutes, opts);
    await app.register(actionsRoutes, opts);
    await app.register(roadmapExportRoutes, opts);
  },
  registerJobs(ctx) {
    registerReviewReminders(ctx);
    registerLateActions(ctx);
  },
};
