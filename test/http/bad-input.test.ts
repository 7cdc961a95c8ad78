import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { orgWithUser, type SignedIn } from "../helpers/factories.ts";
import { auditLog } from "../../server/platform/audit/audit.tables.ts";
import { organisations, users } from "../../server/modules/identity/identity.tables.ts";
import { t as translate, type MessageKey } from "../../server/platform/i18n/messages.ts";

// Bad input of every kind gets a 4xx whose error names the field and the reason, in the caller's
// language, and leaves the database as it was.

const BODY_LIMIT = 2_048;
let t: TestApp;
let session: SignedIn;
let orgId: string;

beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: String(BODY_LIMIT) });
  const admin = await orgWithUser(t.app, t.ctx.db, "admin", { name: "Comune di Prova Input" });
  session = admin.session;
  orgId = admin.org.id;
});
afterAll(() => t.close());

/** Row counts of the tables a bad request could touch, and the organisation's own row. */
async function state() {
  const [orgs] = await t.ctx.db.select({ n: count() }).from(organisations);
  const [audit] = await t.ctx.db.select({ n: count() }).from(auditLog);
  const [people] = await t.ctx.db.select({ n: count() }).from(users);
  const [org] = await t.ctx.db.select().from(organisations).where(eq(organisations.id, orgId));
  return { orgs: orgs!.n, audit: audit!.n, people: people!.n, org };
}

type Lang = "it" | "en";
async function call(lang: Lang, method: "POST" | "PATCH" | "GET", url: string, payload?: unknown, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...session.headers, ...extra };
  if (lang === "en") headers["accept-language"] = "en";
  const body = typeof payload === "string" ? { payload, headers: { "content-type": "application/json", ...headers } } : { payload: payload as object, headers };
  return t.app.inject({ method, url, ...(payload === undefined ? { headers } : body) });
}

interface Case {
  name: string;
  send: (lang: Lang) => ReturnType<typeof call>;
  status: number;
  field: string;
  reason: Record<Lang, string | RegExp>;
}

const cases: Case[] = [
  {
    name: "malformed JSON",
    send: (l) => call(l, "POST", "/api/orgs", '{"name": "Comune", "type": '),
    status: 400,
    field: "body",
    reason: { it: "JSON non valido", en: "not valid JSON" },
  },
  {
    name: "a body over BODY_LIMIT_BYTES",
    send: (l) => call(l, "PATCH", `/api/orgs/${orgId}`, { name: "x".repeat(BODY_LIMIT + 100) }),
    status: 413,
    field: "body",
    reason: { it: `al massimo ${BODY_LIMIT} byte`, en: `at most ${BODY_LIMIT} bytes` },
  },
  {
    name: "an unknown field",
    send: (l) => call(l, "PATCH", `/api/orgs/${orgId}`, { name: "Comune Nuovo", isAdmin: true }),
    status: 400,
    field: "body.isAdmin",
    reason: { it: "campo non previsto", en: "unknown field" },
  },
  {
    name: "an unknown query parameter",
    send: (l) => call(l, "GET", `/api/orgs/${orgId}/members?limit=5&admin=1`),
    status: 400,
    field: "query.admin",
    reason: { it: "campo non previsto", en: "unknown field" },
  },
  {
    name: "a wrong type",
    send: (l) => call(l, "PATCH", `/api/orgs/${orgId}`, { name: 42 }),
    status: 400,
    field: "body.name",
    reason: { it: "tipo non valido: atteso string", en: "wrong type: expected string" },
  },
  {
    name: "a missing field",
    send: (l) => call(l, "POST", "/api/orgs", { type: "comune" }),
    status: 400,
    field: "body.name",
    reason: { it: "obbligatorio", en: "required" },
  },
  {
    name: "a number out of range",
    send: (l) => call(l, "GET", `/api/orgs/${orgId}/members?limit=100000`),
    status: 400,
    field: "query.limit",
    reason: { it: "deve essere al massimo 200", en: "must be at most 200" },
  },
  {
    name: "SQL injection in an id",
    send: (l) => call(l, "PATCH", `/api/orgs/${encodeURIComponent(`${orgId}' OR '1'='1`)}`, { name: "Preso" }),
    status: 400,
    field: "params.orgId",
    reason: { it: "formato non valido (uuid)", en: "invalid format (uuid)" },
  },
  {
    name: "SQL injection in an email",
    send: (l) => call(l, "POST", "/api/auth/login", { email: "admin@example.it' OR 1=1 --", password: "x" }),
    status: 400,
    field: "body.email",
    reason: { it: "formato non valido (email)", en: "invalid format (email)" },
  },
  {
    name: "script injection in an IPA code",
    send: (l) => call(l, "PATCH", `/api/orgs/${orgId}`, { ipaCode: "<script>alert(1)</script>" }),
    status: 400,
    field: "body.ipaCode",
    reason: { it: "codice IPA non valido", en: "invalid IPA code" },
  },
  ...["c-h501", "a", "codice_ipa_troppo_lungo_davvero", "c h501", "c_h501;drop"].map(
    (ipaCode): Case => ({
      name: `the invalid IPA code "${ipaCode}"`,
      send: (l) => call(l, "POST", "/api/orgs", { name: "Comune Nuovo", type: "comune", ipaCode }),
      status: 400,
      field: "body.ipaCode",
      reason: { it: "codice IPA non valido", en: "invalid IPA code" },
    }),
  ),
  // wrong check digit, too short, letters, a personal 16-character code
  ...["80012345670", "8001234567", "8001234567A", "RSSMRA80A01H501U"].map(
    (fiscalCode): Case => ({
      name: `the invalid codice fiscale "${fiscalCode}"`,
      send: (l) => call(l, "POST", "/api/orgs", { name: "Comune Nuovo", type: "comune", fiscalCode }),
      status: 400,
      field: "body.fiscalCode",
      reason: { it: "codice fiscale o partita IVA non valido", en: "invalid fiscal code or VAT number" },
    }),
  ),
  {
    name: "an organisation type that does not exist",
    send: (l) => call(l, "POST", "/api/orgs", { name: "Comune Nuovo", type: "comune'; drop table organisations; --" }),
    status: 400,
    field: "body.type",
    reason: { it: /^valore non ammesso; ammessi: comune, /, en: /^value not allowed; allowed: comune, / },
  },
  {
    name: "a body that is not JSON",
    send: (l) =>
      t.app.inject({ method: "POST", url: "/api/orgs", payload: "<org/>", headers: { ...session.headers, "content-type": "text/xml", ...(l === "en" ? { "accept-language": "en" } : {}) } }),
    status: 415,
    field: "headers.content-type",
    reason: { it: "tipo di contenuto non accettato", en: "content type not accepted" },
  },
];

describe("bad input", () => {
  for (const c of cases) {
    it(`refuses ${c.name} naming ${c.field}, in Italian and in English, changing nothing`, async () => {
      const before = await state();
      for (const lang of ["it", "en"] as const) {
        const res = await c.send(lang);
        expect(res.statusCode, res.body).toBe(c.status);
        const { error } = res.json() as { error: { code: string; message: string; fields: { field: string; reason: string }[] } };
        const field = error.fields.find((f) => f.field === c.field);
        expect(field, `fields: ${JSON.stringify(error.fields)}`).toBeDefined();
        if (typeof c.reason[lang] === "string") expect(field!.reason).toBe(c.reason[lang]);
        else expect(field!.reason).toMatch(c.reason[lang]);
        expect(error.message).toBe(translate(lang, error.code as MessageKey));
      }
      expect(await state()).toEqual(before);
    });
  }

  it("stores SQL and script text in free-text fields literally, and serves it only as JSON", async () => {
    const name = `Comune '); drop table organisations; -- <script>alert(1)</script>`;
    const res = await call("it", "PATCH", `/api/orgs/${orgId}`, { name });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe(name);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    const [org] = await t.ctx.db.select().from(organisations).where(eq(organisations.id, orgId));
    expect(org!.name).toBe(name);
  });

  it("treats SQL in a search as text to look for", async () => {
    const res = await call("it", "GET", `/api/orgs/${orgId}/members?q=${encodeURIComponent("' OR 1=1 --")}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
    const wildcard = await call("it", "GET", `/api/orgs/${orgId}/members?q=${encodeURIComponent("%")}`);
    expect(wildcard.json().items).toEqual([]);
  });
});
