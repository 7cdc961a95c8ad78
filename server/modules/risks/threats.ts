import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

// The threat catalog we ship (catalogs/threats/threats.json, our own words, Italian and English).
// It sits in a folder of its own because every catalogs/*.json is read as an assessment framework.
// Risks store a threat's id; the catalog is reference data, read once per process.

export const THREATS_FILE = fileURLToPath(new URL("../../../catalogs/threats/threats.json", import.meta.url));

const localized = z.strictObject({ it: z.string().min(1), en: z.string().min(1) });
const ThreatFileSchema = z.object({
  id: z.string(),
  version: z.string(),
  threats: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), category: z.string().min(1), title: localized, description: localized }))
    .min(1),
});

export type Threat = z.infer<typeof ThreatFileSchema>["threats"][number];

let cached: Threat[] | null = null;

/** The shipped threats, validated; a broken file fails loudly at first use, naming the path. */
export function shippedThreats(): Threat[] {
  if (cached) return cached;
  const parsed = ThreatFileSchema.safeParse(JSON.parse(readFileSync(THREATS_FILE, "utf8")));
  if (!parsed.success) throw new Error(`${THREATS_FILE}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const ids = parsed.data.threats.map((t) => t.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`${THREATS_FILE}: threat id "${duplicate}" appears twice`);
  cached = parsed.data.threats;
  return cached;
}

export function threatById(id: string): Threat | undefined {
  return shippedThreats().find((t) => t.id === id);
}
