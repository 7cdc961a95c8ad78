import { randomUUID } from "node:crypto";
import { and, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/helpers/test-database.ts";
import { makeOrganisation, makeUser } from "../../../test/helpers/factories.ts";
import type { Database } from "../../db/client.ts";
import { authorTag, organisationKey } from "./anonymity.ts";
import { intelCommunities, intelCommunityMembers, intelItemCommunities, intelItemRecipientOrgs, intelItemRecipientUsers, intelItems } from "./intel.tables.ts";
import { canSee, isRelaxation, publicViewer, visibleItemsWhere, type Sharing, type Viewer } from "./tlp.ts";

// The in-memory rule and the SQL rule must agree for every item and every kind of caller, and
// both must say what TLP 2.0 says (the expected table below).

const SECRET = "s".repeat(40);
let database: Database;
const items: Record<string, Sharing> = {};
const viewers: Record<string, Viewer> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  const [author, member, outsider, recipient, provider, named] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => makeOrganisation(db)));
  const namedUser = await makeUser(db, named!.id, "employee");
  const otherUser = await makeUser(db, named!.id, "employee");
  const [community] = await db.insert(intelCommunities).values({ name: "Cyber Secure City Prova" }).returning();
  await db.insert(intelCommunityMembers).values([author!, member!].map((o) => ({ communityId: community!.id, orgId: o.id })));

  const viewer = (orgId: string, userId: string, extra: Partial<Viewer> = {}): Viewer => ({
    userId,
    orgId,
    providerOf: [],
    communityIds: orgId === author!.id || orgId === member!.id ? [community!.id] : [],
    orgKey: organisationKey(SECRET, orgId),
    ...extra,
  });
  viewers.author = viewer(author!.id, randomUUID());
  viewers.communityMember = viewer(member!.id, randomUUID());
  viewers.outsider = viewer(outsider!.id, randomUUID());
  viewers.recipient = viewer(recipient!.id, randomUUID());
  viewers.providerOfRecipient = viewer(provider!.id, randomUUID(), { providerOf: [recipient!.id] });
  viewers.namedPerson = viewer(named!.id, namedUser.id);
  viewers.colleagueOfNamedPerson = viewer(named!.id, otherUser.id);
  viewers.public = publicViewer;

  const add = async (name: string, values: { tlp: string; status?: string; anonymous?: boolean; providersAllowed?: boolean }) => {
    const id = randomUUID();
    const anonymous = values.anonymous ?? false;
    const row = {
      id,
      kind: "advisory",
      stixId: `report--${id}`,
      title: name,
      tlp: values.tlp,
      status: values.status ?? "published",
      anonymous,
      providersAllowed: values.providersAllowed ?? false,
      authorOrgId: anonymous ? null : author!.id,
      authorTag: anonymous ? authorTag(organisationKey(SECRET, author!.id), id) : null,
    };
    await db.insert(intelItems).values(row);
    const communityIds = values.tlp === "green" ? [community!.id] : [];
    const recipientOrgIds = values.tlp.startsWith("amber") ? [recipient!.id] : [];
    const recipientUserIds = values.tlp === "red" ? [namedUser.id] : [];
    if (communityIds.length) await db.insert(intelItemCommunities).values({ itemId: id, communityId: community!.id });
    if (recipientOrgIds.length) await db.insert(intelItemRecipientOrgs).values({ itemId: id, orgId: recipient!.id });
    if (recipientUserIds.length) await db.insert(intelItemRecipientUsers).values({ itemId: id, userId: namedUser.id });
    items[name] = { ...row, authorTag: row.authorTag, communityIds, recipientOrgIds, recipientUserIds };
  };
  await add("clear", { tlp: "clear" });
  await add("green", { tlp: "green" });
  await add("amber", { tlp: "amber" });
  await add("amberWithProviders", { tlp: "amber", providersAllowed: true });
  await add("amberStrict", { tlp: "amber+strict", providersAllowed: true });
  await add("red", { tlp: "red" });
  await add("draftClear", { tlp: "clear", status: "draft" });
  await add("revokedGreen", { tlp: "green", status: "revoked" });
  await add("anonymousAmberStrict", { tlp: "amber+strict", anonymous: true });
  await add("anonymousRed", { tlp: "red", anonymous: true });
  await add("unknownMarking", { tlp: "white" });
});
afterAll(() => database.close());

// item -> the callers who see it
const expected: Record<string, string[]> = {
  clear: ["author", "communityMember", "outsider", "recipient", "providerOfRecipient", "namedPerson", "colleagueOfNamedPerson", "public"],
  green: ["author", "communityMember"],
  amber: ["author", "recipient"],
  amberWithProviders: ["author", "recipient", "providerOfRecipient"],
  amberStrict: ["author", "recipient"],
  red: ["author", "namedPerson"],
  draftClear: ["author"],
  revokedGreen: ["author", "communityMember"],
  anonymousAmberStrict: ["author", "recipient"],
  anonymousRed: ["author", "namedPerson"],
  unknownMarking: ["author"],
};

describe("TLP 2.0 visibility", () => {
  it("the in-memory rule gives the expected table", () => {
    for (const [item, sharing] of Object.entries(items)) {
      const seenBy = Object.keys(viewers).filter((v) => canSee(viewers[v]!, sharing));
      expect(seenBy, item).toEqual(expected[item]);
    }
  });

  it("the SQL predicate returns exactly what the in-memory rule allows, for every caller", async () => {
    const ids = Object.values(items).map((i) => i.id);
    for (const [name, viewer] of Object.entries(viewers)) {
      const rows = await database.db.select({ id: intelItems.id }).from(intelItems).where(and(inArray(intelItems.id, ids), visibleItemsWhere(viewer)));
      const bySql = rows.map((r) => r.id).sort();
      const inMemory = Object.values(items).filter((i) => canSee(viewer, i)).map((i) => i.id).sort();
      expect(bySql, name).toEqual(inMemory);
    }
  });

  it("an anonymous item is recognised only with the right organisation key", () => {
    const other = { ...viewers.outsider!, orgKey: organisationKey("another secret".padEnd(40, "x"), viewers.author!.orgId!) };
    expect(canSee(other, items.anonymousRed!)).toBe(false);
    expect(canSee(viewers.author!, items.anonymousRed!)).toBe(true);
  });

  it("orders levels from clear to red", () => {
    expect(isRelaxation("red", "amber")).toBe(true);
    expect(isRelaxation("amber", "amber+strict")).toBe(false);
    expect(isRelaxation("green", "clear")).toBe(true);
  });
});
