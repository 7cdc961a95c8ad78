import type { CittadellaModule } from "../index.ts";
import { filesRoutes } from "./files.routes.ts";

/** Uploaded documents of an organisation: type sniffed from the content, size limited, audited. */
export const filesModule: CittadellaModule = {
  name: "files",
  routes: filesRoutes,
};
