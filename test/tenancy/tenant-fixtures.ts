import { randomUUID } from "node:crypto";
import type { TestApp } from "../helpers/test-app.ts";
import {
  makeApiToken,
  makeAuditEntry,
  makeInvitation,
  makeOrganisation,
  makeSsoProvider,
  makeStoredFile,
  makeUser,
  orgWithUser,
  relate,
} from "../helpers/factories.ts";
import { mailMessages } from "../../server/platform/mail/mail.tables.ts";
import { assessmentAnswers, assessmentAssignees, assessmentEvidence, assessments } from "../../server/modules/assessments/assessments.tables.ts";

/**
 * Organisation A with one record of every kind, its IT provider P and its coordinator C, and the
 * admin of an unrelated organisation B, signed in. Names and emails are unique to this run, so
 * finding one of them in a reply means it leaked.
 */
export async function buildTenants(t: TestApp) {
  const db = t.ctx.db;
  const tag = randomUUID().slice(0, 6);
  const orgA = await makeOrganisation(db, { name: `Comune di Alfa ${tag}`, ipaCode: `c_a${tag}` });
  const adminA = await makeUser(db, orgA.id, "admin", { name: `Alfa Amministratrice ${tag}`, email: `alfa-admin-${tag}@alfa.example.it` });
  const employeeA = await makeUser(db, orgA.id, "employee", { name: `Alfa Dipendente ${tag}`, email: `alfa-dip-${tag}@alfa.example.it` });
  const provider = await makeOrganisation(db, { name: `Fornitore di Alfa ${tag}`, type: "it_provider" });
  const providerAdmin = await makeUser(db, provider.id, "admin", { name: `Fornitore Tecnico ${tag}`, email: `forn-${tag}@fornitore.example.it` });
  const coordinator = await makeOrganisation(db, { name: `Regione di Alfa ${tag}`, type: "regione" });
  const coordinatorAdmin = await makeUser(db, coordinator.id, "admin", { name: `Regione Referente ${tag}`, email: `reg-${tag}@regione.example.it` });
  const providerRelationship = await relate(db, "provider_of", provider.id, orgA.id);
  const coordinatorRelationship = await relate(db, "coordinator_of", coordinator.id, orgA.id);
  const { invitation, token: invitationToken } = await makeInvitation(db, orgA.id, { email: `alfa-invito-${tag}@alfa.example.it`, invitedBy: adminA.id });
  const apiToken = await makeApiToken(db, adminA.id, orgA.id);
  // a closed local port: starting a sign-in with A's provider fails fast instead of reaching out
  const sso = await makeSsoProvider(db, orgA.id, { name: `IdP Alfa ${tag}`, issuer: "http://127.0.0.1:9/alfa", clientId: `alfa-client-${tag}` });
  const file = await makeStoredFile(db, t.ctx.fileStore, orgA.id, adminA.id, `Documento riservato Alfa ${tag}`);
  await makeAuditEntry(db, orgA.id, { userId: adminA.id, email: adminA.email }, orgA.id);
  const [mail] = await db
    .insert(mailMessages)
    .values({ orgId: orgA.id, to: adminA.email, subject: `Avviso per Alfa ${tag}`, text: "Testo riservato", template: "test", status: "kept" })
    .returning();

  const [assessment] = await db
    .insert(assessments)
    .values({ orgId: orgA.id, frameworkId: "acn-nis2", level: "importanti", title: `Valutazione riservata Alfa ${tag}`, ownerId: adminA.id })
    .returning();
  await db.insert(assessmentAssignees).values({ assessmentId: assessment!.id, userId: employeeA.id });
  await db.insert(assessmentAnswers).values({ assessmentId: assessment!.id, requirementId: "GV.OC-01", status: "partial", notes: `Nota riservata Alfa ${tag}`, answeredBy: adminA.id });
  const [evidence] = await db
    .insert(assessmentEvidence)
    .values({ assessmentId: assessment!.id, requirementId: "GV.OC-01", title: `Prova riservata Alfa ${tag}`, fileId: file.id, addedBy: adminA.id })
    .returning();

  const b = await orgWithUser(t.app, db, "admin", { name: `Comune di Beta ${tag}` });

  /** path parameter name -> the record of A it names; a route with any other parameter fails the walk */
  const paramFixtures: Record<string, string> = {
    orgId: orgA.id,
    userId: employeeA.id,
    relationshipId: providerRelationship.id,
    invitationId: invitation.id,
    // an invitation is looked up by its mailed secret only: its id must not work as one
    token: invitation.id,
    tokenId: apiToken.row.id,
    providerId: sso.id,
    fileId: file.id,
    messageId: mail!.id,
    mailId: mail!.id,
    assessmentId: assessment!.id,
    evidenceId: evidence!.id,
    // shared reference data, not A's: its route is exempt in cross-tenant.test.ts
    frameworkId: "acn-nis2-misure-base",
  };

  const ownIds = [orgA.id, adminA.id, employeeA.id, invitation.id, apiToken.row.id, sso.id, file.id, mail!.id, assessment!.id, evidence!.id];
  const relatedIds = [provider.id, coordinator.id, providerAdmin.id, coordinatorAdmin.id, providerRelationship.id, coordinatorRelationship.id];
  /** strings that must never appear in a reply to B */
  const secrets = [
    ...ownIds,
    ...relatedIds,
    orgA.name,
    orgA.ipaCode!,
    adminA.email,
    adminA.name,
    employeeA.email,
    employeeA.name,
    provider.name,
    coordinator.name,
    providerAdmin.email,
    coordinatorAdmin.email,
    invitation.email,
    invitationToken,
    apiToken.row.prefix,
    apiToken.token,
    sso.name,
    sso.clientId,
    file.originalName,
    `Documento riservato Alfa ${tag}`,
    mail!.subject,
    assessment!.title,
    `Nota riservata Alfa ${tag}`,
    `Prova riservata Alfa ${tag}`,
  ];
  return {
    orgA,
    adminA,
    employeeA,
    provider,
    providerAdmin,
    coordinator,
    coordinatorAdmin,
    providerRelationship,
    coordinatorRelationship,
    invitation,
    invitationToken,
    apiToken,
    sso,
    file,
    b,
    paramFixtures,
    /** ids whose rows make up A's data (A's own and its relationships) */
    snapshotIds: [...ownIds, ...relatedIds],
    secrets,
  };
}

export type Tenants = Awaited<ReturnType<typeof buildTenants>>;
