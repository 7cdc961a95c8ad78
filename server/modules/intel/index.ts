import type { CittadellaModule } from "../index.ts";
import { communitiesRoutes } from "./communities.routes.ts";
import { itemsRoutes } from "./items.routes.ts";
import { lookupRoutes } from "./lookup.routes.ts";
import { productsRoutes } from "./products.routes.ts";
import { alertsRoutes } from "./alerts.routes.ts";
import { registerMatching } from "./matching.ts";
import { registerAlertDigest } from "./alert-digest.ts";
import { registerWebhooks } from "./webhooks.ts";
import { webhooksRoutes } from "./webhooks.routes.ts";
import { publicRoutes } from "./public.routes.ts";
import { socialRoutes } from "./social.routes.ts";
import { stixExchangeRoutes } from "./stix-exchange/exchange.routes.ts";
import { taxiiRoutes } from "./taxii/taxii.routes.ts";

/** The threat-intelligence sharing hub: communities, advisories, indicators and experience reports under TLP 2.0. */
export const intelModule: CittadellaModule = {
  name: "intel",
  async routes(app, opts) {
    await app.register(communitiesRoutes, opts);
    await app.register(itemsRoutes, opts);
    await app.register(socialRoutes, opts);
    await app.register(publicRoutes, opts);
    await app.register(stixExchangeRoutes, opts);
    await app.register(taxiiRoutes, opts);
    await app.register(lookupRoutes, opts);
    await app.register(productsRoutes, opts);
    await app.register(alertsRoutes, opts);
    await app.register(webhooksRoutes, opts);
  },
  registerJobs(ctx) {
    registerMatching(ctx);
    registerAlertDigest(ctx);
    registerWebhooks(ctx);
  },
};
