import { existsSync, readFileSync } from "node:fs";
import { generateApiFiles, openapiPath, typesPath } from "./openapi-document.ts";

// CI fails when the committed OpenAPI document or web client types differ from the server's schemas.
const { openapi, types } = await generateApiFiles();
const stale = [
  [openapiPath, openapi],
  [typesPath, types],
].filter(([path, fresh]) => !existsSync(path!) || readFileSync(path!, "utf8") !== fresh);
if (stale.length > 0) {
  process.stderr.write(`API client is stale: ${stale.map(([p]) => p).join(", ")}. Run \`npm run api:generate\` and commit.\n`);
  process.exit(1);
}
process.stdout.write("API document and client types are up to date.\n");
