import type { CittadellaModule } from "../index.ts";
import { organisationRoutes } from "./organisations.routes.ts";
import { sessionRoutes } from "./session.routes.ts";
import { mfaRoutes } from "./mfa.routes.ts";
import { passwordRoutes } from "./password.routes.ts";
import { profileRoutes } from "./profile.routes.ts";
import { invitationRoutes } from "./invitations.routes.ts";
import { apiTokenRoutes } from "./api-tokens.routes.ts";
import { ssoRoutes } from "./sso/sso.routes.ts";

export { createActorResolver } from "./actor-resolver.ts";
// for other ways of signing in with a password (TAXII clients send HTTP Basic)
export { defaultOrgFor, findUserByEmail, normaliseEmail } from "./sign-in.service.ts";

export const identityModule: CittadellaModule = {
  name: "identity",
  async routes(app, opts) {
    await app.register(sessionRoutes, opts);
    await app.register(organisationRoutes, opts);
    await app.register(mfaRoutes, opts);
    await app.register(passwordRoutes, opts);
    await app.register(profileRoutes, opts);
    await app.register(invitationRoutes, opts);
    await app.register(apiTokenRoutes, opts);
    await app.register(ssoRoutes, opts);
  },
};
