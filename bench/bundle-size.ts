import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

// JavaScript a citizen downloads to open the public academy (issue 6: under 150 kB gzipped): the
// first bundle plus the academy's chunk and what it imports. Run after `npm run build:web`
// (`npm run bench:bundle` does both); reads the manifest vite writes beside the build.

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const dist = join(import.meta.dirname, "../web/dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8")) as Record<string, Chunk>;
const gzipped = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

/** The chunk's own file and everything it statically imports, once each. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) closure(next, seen);
  return seen;
}

const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
const academy = Object.keys(manifest).find((k) => k.endsWith("features/academy/pages.ts"));
if (!academy) throw new Error("no academy chunk in the manifest");
const first = closure(entry);
const academyPage = closure(academy, new Set(first));
const kB = (keys: Set<string>) => [...keys].reduce((sum, k) => sum + gzipped(manifest[k]!.file), 0) / 1000;

console.log(`first bundle (shell, home, sign-in): ${kB(first).toFixed(1)} kB gzipped`);
console.log(`public academy page (first bundle + academy chunk): ${kB(academyPage).toFixed(1)} kB gzipped (target < 150 kB)`);
