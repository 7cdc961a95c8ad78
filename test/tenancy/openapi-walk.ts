import type { FastifyInstance } from "fastify";

// Reads the app's own OpenAPI document and turns every operation into a request a test can
// send: path parameters filled from a fixture table, required query parameters and a body that
// passes validation, so a refusal proves the policy said no, not the schema.

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
  pattern?: string;
};

interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface ApiRoute {
  method: string;
  /** OpenAPI path, e.g. /api/orgs/{orgId}/members */
  path: string;
  /** "GET /api/orgs/{orgId}/members" */
  key: string;
  pathParams: string[];
  operation: OpenApiOperation;
  components: Record<string, JsonSchema>;
}

export function listRoutes(app: FastifyInstance): ApiRoute[] {
  const doc = app.swagger() as unknown as {
    paths: Record<string, Record<string, OpenApiOperation>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const components = doc.components?.schemas ?? {};
  const routes: ApiRoute[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const upper = method.toUpperCase();
      routes.push({
        method: upper,
        path,
        key: `${upper} ${path}`,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        operation,
        components,
      });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

function resolve(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.split("/").at(-1)!;
    return resolve(components[name] ?? {}, components);
  }
  return schema;
}

/** A value that satisfies the schema; uuid fields named like a fixture get that fixture's id. */
export function sampleValue(raw: JsonSchema, components: Record<string, JsonSchema>, field: string, ids: Record<string, string>): unknown {
  const schema = resolve(raw, components);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) {
    const pick = union.find((s) => resolve(s, components).type !== "null") ?? union[0]!;
    return sampleValue(pick, components, field, ids);
  }
  if (schema.allOf?.length) return sampleValue(schema.allOf[0]!, components, field, ids);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) {
        const property = schema.properties?.[name];
        if (property) out[name] = sampleValue(property, components, name, ids);
      }
      return out;
    }
    case "array": {
      const count = Math.max(schema.minItems ?? 0, 1);
      return Array.from({ length: count }, () => sampleValue(schema.items ?? {}, components, field, ids));
    }
    case "integer":
    case "number":
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case "boolean":
      return false;
    default:
      return sampleString(schema, field, ids);
  }
}

function sampleString(schema: JsonSchema, field: string, ids: Record<string, string>): string {
  switch (schema.format) {
    case "uuid":
      return ids[field] ?? ids.orgId ?? "00000000-0000-4000-8000-000000000000";
    case "email":
      return "sonda-b@example.org";
    case "date-time":
      return new Date().toISOString();
    case "date":
      return "2099-12-31";
    case "uri":
    case "url":
      return "https://example.org/";
  }
  if (typeof schema.default === "string") return schema.default;
  // fields whose rule a JSON schema cannot show (custom refinements)
  if (/domain/i.test(field)) return "comune-b.example.org";
  if (/issuer|url$/i.test(field)) return "https://idp.comune-b.example.org";
  const min = schema.minLength ?? 0;
  const base = "Valore di prova B";
  const value = base.padEnd(Math.max(min, base.length), "x");
  return schema.maxLength !== undefined ? value.slice(0, schema.maxLength) : value;
}

export interface PreparedRequest {
  method: string;
  url: string;
  payload?: unknown;
  /** content type of the body when it is not JSON */
  contentType?: string;
}

/** The route as a concrete request: path params from `params`, a valid body and query. */
export function prepareRequest(route: ApiRoute, params: Record<string, string>): PreparedRequest {
  const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
  const query = new URLSearchParams();
  for (const p of route.operation.parameters ?? []) {
    if (p.in !== "query" || !p.required) continue;
    query.set(p.name, String(sampleValue(p.schema ?? {}, route.components, p.name, params)));
  }
  const full = query.size ? `${url}?${query}` : url;
  const content = route.operation.requestBody?.content ?? {};
  if (content["application/json"]?.schema) {
    return { method: route.method, url: full, payload: sampleValue(content["application/json"].schema, route.components, "body", params) };
  }
  if (content["multipart/form-data"] || /\/files$/.test(route.path) && route.method === "POST") {
    const boundary = "----cittadella-walk";
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="nota.txt"\r\nContent-Type: text/plain\r\n\r\n` +
      `Nota di prova dell'organizzazione B\r\n--${boundary}--\r\n`;
    return { method: route.method, url: full, payload: body, contentType: `multipart/form-data; boundary=${boundary}` };
  }
  return { method: route.method, url: full };
}
