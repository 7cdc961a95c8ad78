import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeOrganisation, makeUser, orgWithUser, relate, signIn, type SignedIn } from "../../../test/helpers/factories.ts";
import { memberships } from "../identity/identity.tables.ts";
import { roadmapCalendarFeeds } from "./roadmap.tables.ts";
import { escapeText, foldLine } from "./icalendar.ts";

// The iCalendar feed read as a calendar app reads it: no cookies, only the URL.

let logs = "";
const capture = new Writable({
  write(chunk, _encoding, done) {
    logs += String(chunk);
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOG_LEVEL: "info", PUBLIC_URL: "https://cittadella.example.it" }, { logStream: capture });
});
afterAll(() => t.close());

interface Property {
  name: string;
  params: string;
  value: string;
}

/** RFC 5545 reading: unfold, split name;params:value, unescape TEXT. */
function parseCalendar(body: string) {
  const unfolded = body.replace(/\r\n[ \t]/g, "");
  const lines = unfolded.split("\r\n").filter(Boolean);
  const events: Property[][] = [];
  let current: Property[] | null = null;
  for (const line of lines) {
    const colon = line.indexOf(":");
    const [name, ...params] = line.slice(0, colon).split(";");
    const property = { name: name!, params: params.join(";"), value: line.slice(colon + 1) };
    if (line === "BEGIN:VEVENT") current = [];
    else if (line === "END:VEVENT") events.push(current!), (current = null);
    else current?.push(property);
  }
  const unescape = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
  return {
    lines,
    events: events.map((props) => Object.fromEntries(props.map((p) => [p.params ? `${p.name};${p.params}` : p.name, unescape(p.value)]))),
  };
}

const call = (session: SignedIn, method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
const fetchFeed = (url: string) => t.app.inject({ method: "GET", url: new URL(url).pathname });

describe("iCalendar writing", () => {
  it("escapes text and folds lines at 75 octets without splitting a character", () => {
    expect(escapeText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
    const line = `SUMMARY:${"è".repeat(100)}`;
    const folded = foldLine(line).split("\r\n");
    expect(folded.length).toBeGreaterThan(2);
    for (const part of folded) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((part) => part.startsWith(" "))).toBe(true);
    expect(folded.map((part, i) => (i ? part.slice(1) : part)).join("")).toBe(line);
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
  });
});

describe("the roadmap calendar feed", () => {
  it("serves one all-day event per dated action to a calendar app, and stops when replaced or revoked", async () => {
    const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "security_manager", { name: "Comune di Calendario" });
    const url = `/api/orgs/${org.id}/actions`;
    const longTitle = "Aggiornare i sistemi dell'ufficio anagrafe, tributi; protocollo e servizi sociali à è ì ò ù";
    const first = (await call(session, "POST", url, { title: longTitle, csfFunction: "protect", dueOn: "2030-03-31", description: "Riga uno\nRiga due, con virgola" })).json();
    const second = (await call(session, "POST", url, { title: "Piano di continuità", csfFunction: "recover", startOn: "2030-01-01", dueOn: "2030-06-30" })).json();
    await call(session, "POST", url, { title: "Senza data", csfFunction: "govern" });
    const cancelled = (await call(session, "POST", url, { title: "Annullata", csfFunction: "detect", dueOn: "2030-02-01", status: "cancelled" })).json();

    const created = await call(session, "POST", `/api/orgs/${org.id}/roadmap/calendar-feed`);
    expect(created.statusCode).toBe(201);
    const feedUrl: string = created.json().url;
    expect(feedUrl).toMatch(/^https:\/\/cittadella\.example\.it\/api\/calendar\/cal_[A-Za-z0-9_-]{43}\/roadmap\.ics$/);
    const token = feedUrl.split("/")[5]!;
    // stored hashed only
    const [row] = await t.ctx.db.select().from(roadmapCalendarFeeds).where(and(eq(roadmapCalendarFeeds.orgId, org.id), eq(roadmapCalendarFeeds.userId, user.id)));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);

    const res = await fetchFeed(feedUrl);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const body = res.body;
    expect(body.endsWith("\r\n")).toBe(true);
    for (const physical of body.split("\r\n")) expect(Buffer.byteLength(physical, "utf8")).toBeLessThanOrEqual(75);
    const { lines, events } = parseCalendar(body);
    expect(lines.slice(0, 2)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0"]);
    expect(lines).toContain("X-WR-CALNAME:Roadmap di sicurezza - Comune di Calendario");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(events.map((e) => e.UID)).toEqual([`${cancelled.id}@cittadella`, `${first.id}@cittadella`, `${second.id}@cittadella`]);
    const [, firstEvent, secondEvent] = events;
    expect(firstEvent).toMatchObject({ "DTSTART;VALUE=DATE": "20300331", "DTEND;VALUE=DATE": "20300401", SUMMARY: `${first.ref} ${longTitle}`, STATUS: "CONFIRMED" });
    expect(firstEvent!.DESCRIPTION).toContain("Riga uno\nRiga due, con virgola");
    expect(firstEvent!.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    expect(secondEvent).toMatchObject({ "DTSTART;VALUE=DATE": "20300630", SUMMARY: `${second.ref} Piano di continuità` });
    expect(events[0]).toMatchObject({ STATUS: "CANCELLED" });
    // the folding really happened on the long summary
    expect(body).toContain("\r\n ");

    // a new feed replaces the old one; revoking stops the new one
    const replaced = (await call(session, "POST", `/api/orgs/${org.id}/roadmap/calendar-feed`)).json().url;
    expect((await fetchFeed(feedUrl)).statusCode).toBe(404);
    expect((await fetchFeed(replaced)).statusCode).toBe(200);
    expect((await call(session, "DELETE", `/api/orgs/${org.id}/roadmap/calendar-feed`)).statusCode).toBe(200);
    expect((await fetchFeed(replaced)).statusCode).toBe(404);
    expect((await call(session, "DELETE", `/api/orgs/${org.id}/roadmap/calendar-feed`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/calendar/cal_inventato/roadmap.ics" })).statusCode).toBe(404);

    // the token never reaches the logs
    expect(logs).toContain("/api/calendar/[redacted]/roadmap.ics");
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(replaced.split("/")[5]!);
  });

  it("shows a provider only its own actions, and nothing once it has left", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const provider = await makeOrganisation(t.ctx.db, { type: "it_provider" });
    await relate(t.ctx.db, "provider_of", provider.id, org.id);
    const technician = await makeUser(t.ctx.db, provider.id, "it_operator");
    const techSession = await signIn(t.app, technician.email);
    const url = `/api/orgs/${org.id}/actions`;
    await call(session, "POST", url, { title: "Dell'ente", csfFunction: "govern", dueOn: "2030-01-31" });
    const theirs = (await call(session, "POST", url, { title: "Del fornitore", csfFunction: "protect", dueOn: "2030-02-28", ownerOrgId: provider.id })).json();

    const feedUrl = (await call(techSession, "POST", `/api/orgs/${org.id}/roadmap/calendar-feed`)).json().url;
    const { events } = parseCalendar((await fetchFeed(feedUrl)).body);
    expect(events.map((e) => e.UID)).toEqual([`${theirs.id}@cittadella`]);

    // the technician leaves the provider: the feed stops
    await t.ctx.db.delete(memberships).where(and(eq(memberships.userId, technician.id), eq(memberships.orgId, provider.id)));
    expect((await fetchFeed(feedUrl)).statusCode).toBe(404);

    // an organisation that is not the entity's provider cannot make a feed of its roadmap
    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await call(stranger.session, "POST", `/api/orgs/${org.id}/roadmap/calendar-feed`)).statusCode).toBe(404);
  });
});
