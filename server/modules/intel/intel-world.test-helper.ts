import { randomUUID } from "node:crypto";
import { makeOrganisation, makeUser, orgWithUser, relate, signIn, type SignedIn } from "../../../test/helpers/factories.ts";
import type { TestApp } from "../../../test/helpers/test-app.ts";

// A small sharing world for the intel tests: an author organisation, a community it shares with,
// a recipient organisation with its IT provider, a named person elsewhere, and outsiders.

export type Caller = "author" | "communityMember" | "nonMember" | "recipient" | "providerOfRecipient" | "namedRecipient" | "public";
export const callers: Caller[] = ["author", "communityMember", "nonMember", "recipient", "providerOfRecipient", "namedRecipient", "public"];

export async function buildIntelWorld(t: TestApp) {
  const db = t.ctx.db;
  const tag = randomUUID().slice(0, 6);
  const author = await orgWithUser(t.app, db, "security_manager", { name: `Comune Autore ${tag}` });
  const member = await orgWithUser(t.app, db, "it_operator", { name: `Comune Membro ${tag}` });
  const nonMember = await orgWithUser(t.app, db, "admin", { name: `Comune Estraneo ${tag}` });
  const recipient = await orgWithUser(t.app, db, "employee", { name: `ASL Destinataria ${tag}` });
  const provider = await orgWithUser(t.app, db, "it_operator", { name: `Fornitore ${tag}`, type: "it_provider" });
  await relate(db, "provider_of", provider.org.id, recipient.org.id);
  const named = await orgWithUser(t.app, db, "employee", { name: `Questura ${tag}`, type: "cert_police" });
  const regione = await orgWithUser(t.app, db, "admin", { name: `Regione ${tag}`, type: "regione" });

  const res = await t.app.inject({
    method: "POST",
    url: "/api/intel/communities",
    headers: regione.session.headers,
    payload: { name: `Cyber Secure City ${tag}`, memberOrgIds: [author.org.id, member.org.id] },
  });
  if (res.statusCode !== 201) throw new Error(`community: ${res.statusCode} ${res.body}`);
  const community = res.json() as { id: string };

  // a second person of the author's organisation, to check RED is per person, not per organisation
  const authorColleague = await makeUser(db, author.org.id, "employee");
  const unrelated = await makeOrganisation(db);

  const sessions: Record<Exclude<Caller, "public">, SignedIn> = {
    author: author.session,
    communityMember: member.session,
    nonMember: nonMember.session,
    recipient: recipient.session,
    providerOfRecipient: provider.session,
    namedRecipient: named.session,
  };
  return {
    tag,
    author,
    authorColleague: { user: authorColleague, session: await signIn(t.app, authorColleague.email) },
    member,
    nonMember,
    recipient,
    provider,
    named,
    regione,
    unrelated,
    community,
    sessions,
    headers: (caller: Caller) => (caller === "public" ? {} : sessions[caller].headers),
  };
}

export type IntelWorld = Awaited<ReturnType<typeof buildIntelWorld>>;

/** The sharing of each TLP level in this world. */
export function sharingFor(world: IntelWorld, level: "clear" | "green" | "amber" | "amber-providers" | "amber+strict" | "red") {
  switch (level) {
    case "clear":
      return { tlp: "clear" };
    case "green":
      return { tlp: "green", communityIds: [world.community.id] };
    case "amber":
      return { tlp: "amber", recipientOrgIds: [world.recipient.org.id] };
    case "amber-providers":
      return { tlp: "amber", recipientOrgIds: [world.recipient.org.id], providersAllowed: true };
    case "amber+strict":
      return { tlp: "amber+strict", recipientOrgIds: [world.recipient.org.id] };
    case "red":
      return { tlp: "red", recipientUserIds: [world.named.user.id] };
  }
}
