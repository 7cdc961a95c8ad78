import type { RoutesPlugin } from "../platform/http/types.ts";
import type { AppContext } from "../platform/context.ts";
import { identityModule } from "./identity/index.ts";
import { administrationModule } from "./administration/index.ts";
import { filesModule } from "./files/index.ts";
import { assessmentsModule } from "./assessments/index.ts";
import { risksModule } from "./risks/index.ts";
import { intelModule } from "./intel/index.ts";
import { academyModule } from "./academy/index.ts";

/** A capability of the product: its routes, and the jobs and events it handles. */
export interface CittadellaModule {
  name: string;
  routes: RoutesPlugin;
  registerJobs?(ctx: AppContext): void;
}

// Later modules (assessments, risks, intel, academy) are added here.
export const modules: CittadellaModule[] = [identityModule, administrationModule, filesModule, assessmentsModule, risksModule, intelModule, academyModule];
