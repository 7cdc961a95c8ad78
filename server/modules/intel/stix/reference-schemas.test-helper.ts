import { readdirSync, readFileSync } from "node:fs";
import { domainToASCII, fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// The OASIS STIX 2.1 JSON schemas, read at test time from the shared reference folder (never
// copied into the project): every schema file is registered so their relative $refs resolve.

export const REFERENCE_DIR = fileURLToPath(new URL("../../../../../shared/reference/stix2/", import.meta.url));

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
// the OASIS patterns use escapes (\\-) that the u flag refuses
const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
// ajv-formats has no idn-hostname: a host name once converted to ASCII (punycode)
ajv.addFormat("idn-hostname", (value: string) => {
  const ascii = domainToASCII(value);
  return ascii.length > 0 && ascii.length <= 253 && ascii.split(".").every((l) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i.test(l));
});

const schemaIds = new Map<string, string>();
for (const folder of ["common", "sdos", "sros", "observables"]) {
  for (const file of readdirSync(`${REFERENCE_DIR}schemas/${folder}`)) {
    const schema = JSON.parse(readFileSync(`${REFERENCE_DIR}schemas/${folder}/${file}`, "utf8")) as { $id: string };
    ajv.addSchema(schema);
    schemaIds.set(`${folder}/${file.replace(/\.json$/, "")}`, schema.$id);
  }
}

function validatorFor(key: string): ValidateFunction {
  const id = schemaIds.get(key);
  const validate = id ? ajv.getSchema(id) : undefined;
  if (!validate) throw new Error(`no reference schema ${key}`);
  return validate;
}

/** The schema errors of one STIX object (validated against its type's schema), empty when valid. */
export function referenceSchemaErrors(object: { type: string }): string[] {
  const key = ["sdos", "sros", "observables", "common"].map((folder) => `${folder}/${object.type}`).find((k) => schemaIds.has(k));
  if (!key) return [`no reference schema for type ${object.type}`];
  const validate = validatorFor(key);
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

// The reference bundle.json lists the object types of an older draft: for note, incident,
// grouping, extension-definition ... its custom-object branch (oneOf core | cyber-observable-core)
// matches both and so always fails. Those objects are checked against their own schemas only.
const bundleSchema = JSON.parse(readFileSync(`${REFERENCE_DIR}schemas/common/bundle.json`, "utf8")) as object;
const typesListedInBundle = new Set([...JSON.stringify(bundleSchema).matchAll(/"\.\.\/(?:sdos|sros|observables|common)\/([a-z0-9-]+)\.json"/g)].map((m) => m[1]!));

/** The bundle's errors against bundle.json, for the objects whose types bundle.json knows. */
export function referenceBundleErrors(bundle: { objects: { type: string }[] }): string[] {
  const validate = validatorFor("common/bundle");
  const checkable = { ...bundle, objects: bundle.objects.filter((o) => typesListedInBundle.has(o.type)) };
  return validate(checkable) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

export function readExample(relativePath: string): string {
  return readFileSync(`${REFERENCE_DIR}examples/${relativePath}`, "utf8");
}

export function exampleFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(`${REFERENCE_DIR}examples/${dir}`, { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".json")) files.push(path);
    }
  };
  walk("");
  return files.sort();
}
