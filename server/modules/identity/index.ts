import type { CittadellaModule } from "../index.ts";
import { organisationRoutes } from "./organisations.routes.ts";
import { sessionRoutes } from "./session.routes.ts";

export { createActorResolver } from "./actor-resolver.ts";

export const identityModule: CittadellaModule = {
  name: "identity",
  async routes(app, opts) {
    await app.register(sessionRoutes, opts);
    await app.register(organisationRoutes, opts);
  },
};
