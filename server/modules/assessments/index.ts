import type { CittadellaModule } from "../index.ts";
import { assessmentsRoutes } from "./assessments.routes.ts";
import { collaborationRoutes } from "./collaboration.routes.ts";
import { answersTransferRoutes } from "./answers-transfer.routes.ts";
import { evidenceRoutes } from "./evidence.routes.ts";
import { evidenceFilesRoutes } from "./evidence-files.routes.ts";
import { reportRoutes } from "./report/report.routes.ts";
import { frameworksRoutes } from "./frameworks.routes.ts";
import { coordinationRoutes } from "./coordination.routes.ts";
import { organisationFrameworksRoutes } from "./organisation-frameworks.routes.ts";

// What other modules may use: the frameworks an organisation assesses itself against (the risk
// register links risks and actions to an assessment's gaps) and which requirements are answered.
export { catalogRegistryFor } from "./catalog-registry.ts";
export type { CatalogRegistry } from "./catalogs/catalog-loader.ts";
export { assessableRequirements } from "./scoring.ts";

/** Posture assessments against the shipped frameworks: answers, workflow, scores and gaps. */
export const assessmentsModule: CittadellaModule = {
  name: "assessments",
  async routes(app, opts) {
    await app.register(assessmentsRoutes, opts);
    await app.register(collaborationRoutes, opts);
    await app.register(answersTransferRoutes, opts);
    await app.register(evidenceRoutes, opts);
    await app.register(evidenceFilesRoutes, opts);
    await app.register(reportRoutes, opts);
    await app.register(frameworksRoutes, opts);
    await app.register(coordinationRoutes, opts);
    await app.register(organisationFrameworksRoutes, opts);
  },
};
