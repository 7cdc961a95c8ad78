import { safeEntryName } from "./package-zip.ts";

// imsmanifest.xml of a SCORM 1.2 package, read without an XML library: nothing in it may make a
// parser fetch or expand anything, so a DOCTYPE, an entity declaration or a processing
// instruction other than the XML declaration refuses the manifest outright (no external
// entities, no "billion laughs"). What we need is small: the title, the default organisation's
// first item with a resource, and that resource's launch file.

export type ManifestResult = { ok: true; title: string; launch: string } | { ok: false; reason: "scorm_manifest_unsafe" | "scorm_manifest_invalid"; detail?: string };

interface Tag {
  name: string;
  attributes: Map<string, string>;
  closing: boolean;
  /** index in the text just after the tag */
  end: number;
}

const MAX_MANIFEST_BYTES = 1_000_000;

function* tags(xml: string): Generator<Tag> {
  const pattern = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*\/?>/g;
  for (let m = pattern.exec(xml); m; m = pattern.exec(xml)) {
    const attributes = new Map<string, string>();
    for (const a of m[3]!.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g)) {
      attributes.set(a[1]!.toLowerCase().replace(/^.*:/, ""), decode(a[2] ?? a[3] ?? ""));
    }
    yield { name: m[2]!.toLowerCase().replace(/^.*:/, ""), attributes, closing: m[1] === "/", end: m.index + m[0].length };
  }
}

// the five predefined entities and character references only; anything else stays as written
const decode = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    const code = e[1]?.toLowerCase() === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });

export function parseManifest(bytes: Buffer): ManifestResult {
  if (bytes.length > MAX_MANIFEST_BYTES) return { ok: false, reason: "scorm_manifest_invalid", detail: "larger than 1 MB" };
  let xml: string;
  try {
    xml = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return { ok: false, reason: "scorm_manifest_invalid", detail: "not UTF-8 text" };
  }
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, "");
  if (/<!DOCTYPE|<!ENTITY|<!\[CDATA\[/i.test(withoutComments) || /<\?(?!xml\s)/i.test(withoutComments) || (withoutComments.match(/<\?xml\s/gi)?.length ?? 0) > 1) {
    return { ok: false, reason: "scorm_manifest_unsafe" };
  }
  const all = [...tags(withoutComments)];
  const manifest = all.find((t) => !t.closing && t.name === "manifest");
  if (!manifest) return { ok: false, reason: "scorm_manifest_invalid", detail: "no <manifest> element" };
  const schemaVersion = all.find((t) => !t.closing && t.name === "schemaversion");
  if (schemaVersion) {
    const close = withoutComments.indexOf("<", schemaVersion.end);
    const version = withoutComments.slice(schemaVersion.end, close).trim();
    if (version && !/^1\.2$/.test(version)) return { ok: false, reason: "scorm_manifest_invalid", detail: `schemaversion ${version.slice(0, 20)} is not SCORM 1.2` };
  }
  const resources = new Map<string, { href?: string; base: string }>();
  let base = "";
  for (const t of all) {
    if (t.name === "resources" && !t.closing) base = t.attributes.get("base") ?? "";
    if (t.name === "resource" && !t.closing) {
      const id = t.attributes.get("identifier");
      if (id) resources.set(id, { base: base + (t.attributes.get("base") ?? ""), ...(t.attributes.has("href") ? { href: t.attributes.get("href")! } : {}) });
    }
  }
  // the default organisation's first item that points at a resource with a launch file
  const organisations = all.find((t) => !t.closing && t.name === "organizations");
  const defaultOrg = organisations?.attributes.get("default");
  const orgStart = all.findIndex((t) => !t.closing && t.name === "organization" && (!defaultOrg || t.attributes.get("identifier") === defaultOrg));
  if (orgStart === -1) return { ok: false, reason: "scorm_manifest_invalid", detail: "no organization" };
  let title = "";
  for (let i = orgStart + 1; i < all.length && !(all[i]!.name === "organization" && all[i]!.closing); i++) {
    if (!title && all[i]!.name === "title" && !all[i]!.closing) {
      title = decode(withoutComments.slice(all[i]!.end, withoutComments.indexOf("<", all[i]!.end))).trim();
    }
    const ref = all[i]!.name === "item" && !all[i]!.closing ? all[i]!.attributes.get("identifierref") : undefined;
    const resource = ref ? resources.get(ref) : undefined;
    if (resource?.href) {
      const [file] = (resource.base + resource.href).split(/[?#]/);
      const launch = safeEntryName(file ?? "");
      if (!launch) return { ok: false, reason: "scorm_manifest_unsafe" };
      return { ok: true, title: (title || "SCORM").slice(0, 200), launch };
    }
  }
  return { ok: false, reason: "scorm_manifest_invalid", detail: "no item with a launchable resource" };
}
