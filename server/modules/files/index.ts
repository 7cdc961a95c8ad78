import type { CittadellaModule } from "../index.ts";
import { filesRoutes } from "./files.routes.ts";

// What other modules may use: storing an upload as an organisation's file inside their own
// transaction (assessment evidence uploaded by a provider is the client's file).
export { storeUpload } from "./files.service.ts";

/** Uploaded documents of an organisation: type sniffed from the content, size limited, audited. */
export const filesModule: CittadellaModule = {
  name: "files",
  routes: filesRoutes,
};
