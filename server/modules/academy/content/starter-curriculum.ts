import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { PathPackage } from "./path-package.ts";
import { validatePathPackage } from "./validate-path.ts";

/** catalogs/academy: the starter curriculum we write and ship, published on first start. */
export const starterCurriculumDir = resolve(fileURLToPath(new URL("../../../../catalogs/academy", import.meta.url)));

/** Reads and validates every path package in a folder; a broken file stops the start, naming file and field. */
export async function loadPathPackages(dir = starterCurriculumDir): Promise<PathPackage[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  const paths: PathPackage[] = [];
  for (const file of files) {
    const result = validatePathPackage(JSON.parse(await readFile(join(dir, file), "utf8")));
    if (!result.ok) {
      const first = result.issues.slice(0, 5).map((i) => `${i.field}: ${i.reason}`);
      throw new Error(`${file}: ${first.join("; ")}${result.issues.length > 5 ? ` (and ${result.issues.length - 5} more)` : ""}`);
    }
    paths.push(result.path);
  }
  return paths;
}
