// Comparing the dotted versions of advisories (NVD-style ranges) with what an organisation runs.
// Parts split on . - _ + ; numeric parts compare as numbers ("1.10" > "1.9"), others as text, and
// missing parts count as zero ("2.4" = "2.4.0"). Good enough for the vendor versions NVD ranges
// use; anything exotic errs towards alerting, never towards silence.

const partsOf = (version: string) => version.trim().toLowerCase().split(/[.\-_+]/).filter(Boolean);

export function compareVersions(a: string, b: string): number {
  const x = partsOf(a);
  const y = partsOf(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? "0";
    const q = y[i] ?? "0";
    const bothNumbers = /^\d+$/.test(p) && /^\d+$/.test(q);
    const order = bothNumbers ? Math.sign(Number(p) - Number(q)) : p < q ? -1 : p > q ? 1 : 0;
    if (order !== 0) return order;
  }
  return 0;
}

export interface VersionRange {
  versionStartIncluding: string | null;
  versionStartExcluding: string | null;
  versionEndIncluding: string | null;
  versionEndExcluding: string | null;
  /** exact version from the advisory's CPE, when it names one */
  exact?: string | null;
}

/** Whether `version` falls in the range; an unknown installed version is treated as affected. */
export function inRange(version: string | null, range: VersionRange): boolean {
  if (!version) return true;
  if (range.exact) return compareVersions(version, range.exact) === 0;
  if (range.versionStartIncluding && compareVersions(version, range.versionStartIncluding) < 0) return false;
  if (range.versionStartExcluding && compareVersions(version, range.versionStartExcluding) <= 0) return false;
  if (range.versionEndIncluding && compareVersions(version, range.versionEndIncluding) > 0) return false;
  if (range.versionEndExcluding && compareVersions(version, range.versionEndExcluding) >= 0) return false;
  return true;
}

/** vendor, product and version of a CPE 2.3 name (cpe:2.3:a:vendor:product:version:...); null if it is not one. */
export function parseCpe(cpe: string): { vendor: string; product: string; version: string | null } | null {
  // colons escaped with a backslash belong to the value
  const fields = cpe.trim().split(/(?<!\\):/);
  if (fields.length < 6 || fields[0]!.toLowerCase() !== "cpe" || fields[1] !== "2.3" || !/^[aoh*]$/i.test(fields[2]!)) return null;
  const unescape = (s: string) => s.replace(/\\(.)/g, "$1").toLowerCase();
  const [vendor, product, version] = [fields[3]!, fields[4]!, fields[5]!].map(unescape) as [string, string, string];
  if (!vendor || !product || vendor === "*" || product === "*") return null;
  return { vendor, product, version: version === "*" || version === "-" || version === "" ? null : version };
}
