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
import { organisationFrameworks } from "../../server/modules/assessments/organisation-frameworks.tables.ts";
import { actionEvidence, actionGaps, actionRisks, improvementActions, riskGaps, riskMatrices, riskScoreChanges, risks } from "../../server/modules/risks/risks.tables.ts";
import { roadmapCalendarFeeds } from "../../server/modules/risks/roadmap.tables.ts";
import { newSecret, sha256 } from "../../server/platform/auth/tokens.ts";
import { DEFAULT_MATRIX } from "../../server/modules/risks/risk-matrix.ts";
import { intelAdvisories, intelCommunities, intelCommunityMembers, intelCommunityModerators, intelItemCommunities, intelItemRecipientUsers, intelItems } from "../../server/modules/intel/intel.tables.ts";
import { intelAlerts, intelOrgProducts } from "../../server/modules/intel/intel-alerts.tables.ts";
import { academyCertificates, academyProgress, academyQuizAttempts, xapiStatements } from "../../server/modules/academy/academy.tables.ts";
import { makeOrganisationPath } from "../../server/modules/academy/academy.test-helper.ts";
import { academyAssignmentLearners, academyAssignments } from "../../server/modules/academy/academy-assignments.tables.ts";
import { academyScormPackages } from "../../server/modules/academy/authoring/authoring.tables.ts";

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

  const riskStage = { likelihood: 4, impacts: { service: 5, personal_data: 3, legal: 2, financial: 2, reputation: 3 } };
  const [risk] = await db
    .insert(risks)
    .values({
      orgId: orgA.id,
      number: 1,
      title: `Rischio riservato Alfa ${tag}`,
      threatId: "ransomware",
      ownerId: adminA.id,
      inherent: riskStage,
      inherentLikelihood: 4,
      inherentImpact: 5,
      inherentLevel: "critical",
      nextReviewOn: "2030-01-01",
    })
    .returning();
  await db.insert(riskGaps).values({ riskId: risk!.id, assessmentId: assessment!.id, requirementId: "GV.OC-01" });
  await db.insert(riskScoreChanges).values({ riskId: risk!.id, stage: "inherent", after: riskStage, levelAfter: "critical", changedBy: adminA.id, changedByName: adminA.name, reason: `Motivo riservato Alfa ${tag}` });
  // a matrix of A's own, so changing B's matrix can be told apart from touching A's
  await db.insert(riskMatrices).values({ orgId: orgA.id, likelihoodSteps: 5, impactSteps: 5, likelihoodLabels: DEFAULT_MATRIX.likelihoodLabels, impactLabels: DEFAULT_MATRIX.impactLabels, cells: DEFAULT_MATRIX.cells });

  // an action of A's roadmap with its links and evidence, and a calendar feed of A's admin
  const [action] = await db
    .insert(improvementActions)
    .values({ orgId: orgA.id, number: 1, title: `Azione riservata Alfa ${tag}`, csfFunction: "protect", ownerOrgId: orgA.id, ownerUserId: adminA.id, dueOn: "2030-06-30" })
    .returning();
  await db.insert(actionRisks).values({ actionId: action!.id, riskId: risk!.id });
  await db.insert(actionGaps).values({ actionId: action!.id, assessmentId: assessment!.id, requirementId: "GV.OC-01" });
  const [actionProof] = await db.insert(actionEvidence).values({ actionId: action!.id, title: `Verbale riservato Alfa ${tag}`, url: "https://alfa.example.it/verbale", addedBy: adminA.id }).returning();
  const feedToken = newSecret("cal_");
  const [feed] = await db.insert(roadmapCalendarFeeds).values({ orgId: orgA.id, userId: adminA.id, actingOrgId: orgA.id, tokenHash: sha256(feedToken) }).returning();

  // a framework of A's own (organisation-frameworks.*): its id and words are A's
  const customFrameworkId = `custom-alfa-${tag}`;
  await db.insert(organisationFrameworks).values({
    orgId: orgA.id,
    frameworkId: customFrameworkId,
    kind: "custom",
    version: "1",
    sourceFormat: "template_xlsx",
    fileName: "regole.xlsx",
    uploadedBy: adminA.id,
    catalog: {
      formatVersion: 1,
      id: customFrameworkId,
      version: "1",
      title: { it: `Framework riservato Alfa ${tag}` },
      publisher: "Comune di Alfa",
      maturityScale: [
        { value: 0, title: { it: "No" } },
        { value: 1, title: { it: "Sì" } },
      ],
      requirements: [{ id: "R1", kind: "control", title: { it: `Regola riservata Alfa ${tag}` } }],
    },
  });

  // threat intelligence: a community of A's and a RED advisory of A's shared in it (intel module)
  const [community] = await db.insert(intelCommunities).values({ name: `Comunità riservata Alfa ${tag}`, createdByOrgId: orgA.id }).returning();
  await db.insert(intelCommunityMembers).values({ communityId: community!.id, orgId: orgA.id });
  await db.insert(intelCommunityModerators).values({ communityId: community!.id, userId: adminA.id });
  const [intelItem] = await db
    .insert(intelItems)
    .values({ kind: "advisory", stixId: `report--${randomUUID()}`, tlp: "red", title: `Avviso riservato Alfa ${tag}`, authorOrgId: orgA.id, authorUserId: adminA.id })
    .returning();
  await db.insert(intelAdvisories).values({ itemId: intelItem!.id, summary: `Sintesi riservata Alfa ${tag}`, severity: "high" });
  await db.insert(intelItemRecipientUsers).values({ itemId: intelItem!.id, userId: employeeA.id });
  await db.insert(intelItemCommunities).values({ itemId: intelItem!.id, communityId: community!.id });

  // A's own learning path (members only), with an employee's attempt, progress, statement and certificate
  const learningPath = await makeOrganisationPath(db, orgA.id, `percorso-alfa-${tag}`, `Percorso riservato Alfa ${tag}`);
  const [quizAttempt] = await db
    .insert(academyQuizAttempts)
    .values({ userId: employeeA.id, orgId: orgA.id, pathId: learningPath.id, pathSlug: learningPath.slug, quizId: "incidente-quiz", questionIds: ["q1"] })
    .returning();
  await db.insert(academyProgress).values({ userId: employeeA.id, pathSlug: learningPath.slug, kind: "item", itemId: "incidente-articolo", pathId: learningPath.id, status: "completed", completedAt: new Date() });
  await db.insert(xapiStatements).values({ id: randomUUID(), userId: employeeA.id, orgId: orgA.id, verb: "http://adlnet.gov/expapi/verbs/experienced", objectId: `urn:alfa:${tag}`, statement: { note: `Percorso riservato Alfa ${tag}` } });
  const [certificate] = await db
    .insert(academyCertificates)
    .values({ code: `ALFA-${tag.toUpperCase()}`, userId: employeeA.id, orgId: orgA.id, pathId: learningPath.id, pathSlug: learningPath.slug, learnerName: employeeA.name, pathTitle: learningPath.title })
    .returning();

  // A's assignment of its path to its employee, in A's own office
  const [assignment] = await db
    .insert(academyAssignments)
    .values({ orgId: orgA.id, pathSlug: learningPath.slug, pathTitle: learningPath.title, target: { roles: [], offices: [`Ufficio riservato Alfa ${tag}`], managementBody: false, userIds: [] }, dueOn: "2030-06-30", createdBy: adminA.id })
    .returning();
  await db.insert(academyAssignmentLearners).values({ assignmentId: assignment!.id, userId: employeeA.id, orgId: orgA.id });

  // a product A runs and an alert it got about the intel item
  const [intelProduct] = await db.insert(intelOrgProducts).values({ orgId: orgA.id, vendor: `fornitore-riservato-alfa-${tag}`, product: "gestionale", version: "1.0" }).returning();
  const [intelAlert] = await db.insert(intelAlerts).values({ orgId: orgA.id, itemId: intelItem!.id, matched: [`fornitore-riservato-alfa-${tag} gestionale 1.0`] }).returning();

  // A's own SCORM package (its files need not exist: nobody of B may get that far)
  const [scormPackage] = await db
    .insert(academyScormPackages)
    .values({ ownerOrgId: orgA.id, title: `Pacchetto riservato Alfa ${tag}`, launch: "index.html", status: "published", files: [{ path: "index.html", mimeType: "text/html; charset=utf-8", sizeBytes: 1, storageKey: `academy-scorm/alfa-${tag}` }], createdBy: adminA.id })
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
    riskId: risk!.id,
    actionId: action!.id,
    // a calendar feed is found by its secret only: the row's id must not work as one
    feedToken: feed!.id,
    frameworkId: customFrameworkId,
    communityId: community!.id,
    intelItemId: intelItem!.id,
    intelProductId: intelProduct!.id,
    intelAlertId: intelAlert!.id,
    slug: learningPath.slug,
    itemId: "incidente-quiz",
    attemptId: quizAttempt!.id,
    certificateId: certificate!.id,
    assignmentId: assignment!.id,
    // a certificate is checked by the code printed on it only: its id must not work as one
    code: certificate!.id,
    // a version of A's path (the authoring routes) and A's SCORM package
    pathId: learningPath.id,
    packageId: scormPackage!.id,
  };

  const ownIds = [orgA.id, adminA.id, employeeA.id, invitation.id, apiToken.row.id, sso.id, file.id, mail!.id, assessment!.id, evidence!.id, risk!.id, action!.id, actionProof!.id, feed!.id, community!.id, intelItem!.id, intelProduct!.id, intelAlert!.id, learningPath.id, quizAttempt!.id, certificate!.id, assignment!.id, scormPackage!.id];
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
    `Framework riservato Alfa ${tag}`,
    `Regola riservata Alfa ${tag}`,
    risk!.title,
    `Motivo riservato Alfa ${tag}`,
    `Azione riservata Alfa ${tag}`,
    `Verbale riservato Alfa ${tag}`,
    feedToken,
    community!.name,
    intelItem!.title,
    intelItem!.stixId,
    `Sintesi riservata Alfa ${tag}`,
    `fornitore-riservato-alfa-${tag}`,
    learningPath.slug,
    learningPath.title,
    certificate!.code,
    scormPackage!.title,
    `Ufficio riservato Alfa ${tag}`,
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
