import { writeFileSync } from "node:fs";
import { generateApiFiles, openapiPath, typesPath } from "./openapi-document.ts";

const { openapi, types } = await generateApiFiles();
writeFileSync(openapiPath, openapi);
writeFileSync(typesPath, types);
process.stdout.write(`wrote ${openapiPath} and ${typesPath}\n`);
