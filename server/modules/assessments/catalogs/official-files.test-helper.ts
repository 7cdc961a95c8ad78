import { readFileSync } from "node:fs";
import { resolve } from "node:path";

// The official files live outside the repository (../shared/reference); they are read, never copied.
export const referenceFile = (name: string) => new Uint8Array(readFileSync(resolve(process.cwd(), "../shared/reference/catalogs", name)));
