import type { CittadellaModule } from "../index.ts";
import { administrationRoutes } from "./administration.routes.ts";

/** The organisation's audit log and mail outbox, for its admins and auditors. */
export const administrationModule: CittadellaModule = {
  name: "administration",
  routes: administrationRoutes,
};
