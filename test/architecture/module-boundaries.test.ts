import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The import rules of docs/ARCHITECTURE.md, checked on the source rather than trusted to review:
// platform/ imports no module; a module reaches another module through its index.ts (what that
// module chose to offer) or reads its tables (*.tables.ts: joins are cheaper than round trips),
// never its services, routes or helpers. Tests and test helpers may reach anything.

const root = resolve(import.meta.dirname, "../..");
const server = join(root, "server");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.includes(".test-helper.") ? [path] : [];
  });
}

const importsOf = (file: string) =>
  // static imports and re-exports, side-effect imports and dynamic import() alike
  [...readFileSync(file, "utf8").matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)"(\.{1,2}\/[^"]+)"/g)].map((m) => resolve(dirname(file), m[1]!));

const moduleOf = (path: string) => {
  const rel = relative(join(server, "modules"), path);
  return rel.startsWith("..") ? null : rel.split("/")[0]!;
};

describe("module boundaries", () => {
  it("platform/ imports no module", () => {
    const offending = sourceFiles(join(server, "platform")).flatMap((file) =>
      importsOf(file)
        .filter((target) => moduleOf(target) !== null)
        .map((target) => `${relative(root, file)} -> ${relative(root, target)}`),
    );
    expect(offending).toEqual([]);
  });

  it("a module uses another module only through its index.ts or its tables", () => {
    const offending = sourceFiles(join(server, "modules")).flatMap((file) => {
      const own = moduleOf(file);
      return importsOf(file)
        .filter((target) => {
          const other = moduleOf(target);
          if (!other || other === own || relative(join(server, "modules"), target) === "index.ts") return false;
          return !(target === join(server, "modules", other, "index.ts") || target.endsWith(".tables.ts"));
        })
        .map((target) => `${relative(root, file)} -> ${relative(root, target)}`);
    });
    expect(offending).toEqual([]);
  });
});
