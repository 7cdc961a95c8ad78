import type { ReactNode } from "react";
import type { Role, SessionInfo } from "../api/types.ts";
import type { NavLabelKey, NavSection } from "./navigation/messages.ts";
import { HomePage } from "../features/home/HomePage.tsx";
import { SignInPage } from "../features/auth/SignInPage.tsx";
import { MfaVerifyPage } from "../features/auth/MfaVerifyPage.tsx";
import { PasswordResetRequestPage } from "../features/auth/PasswordResetRequestPage.tsx";
import { PasswordResetConfirmPage } from "../features/auth/PasswordResetConfirmPage.tsx";
import { InvitationPage } from "../features/auth/InvitationPage.tsx";
import { InvitationAlias, PasswordResetAlias } from "../features/auth/LinkAliases.tsx";
// the academy's pages are a lazily loaded chunk: citizens opening /academy download only what it needs
import { academyElements } from "../features/academy/lazy.tsx";
import { academyPaths } from "../features/academy/paths.ts";
import { trainingElements } from "../features/academy/org/lazy.tsx";
import { trainingPaths } from "../features/academy/org/paths.ts";
import { authoringElements } from "../features/academy/authoring/lazy.tsx";
import { authoringPaths } from "../features/academy/authoring/messages.ts";
import { intelPaths, writerRoles as intelWriters } from "../features/intel/paths.ts";

import { lazyPage } from "./lazy-page.tsx";

// Each feature's pages arrive in a chunk of their own on the first visit (lazy-page.tsx); home and
// sign-in stay in the first bundle, which citizen-facing pages must keep light (issue 6).
const account = () => import("../features/administration/pages.ts");
const assessments = () => import("../features/assessments/pages.ts");
const risks = () => import("../features/risks/pages.ts");
const intel = () => import("../features/intel/pages.ts");

export interface AppRoute {
  path: string;
  element: ReactNode;
  /** "public": anyone (sign-in, reset, invitation); "signedIn" (default): a complete session */
  access?: "public" | "signedIn";
  /** roles in the current organisation that may open it (and see it in the navigation); all when absent */
  roles?: Role[];
  /** where it appears in the navigation; label keys live in navigation/messages.ts */
  nav?: { section: NavSection; labelKey: NavLabelKey };
  /** lists it in the navigation only when true for the session (e.g. only for coordinators) */
  navWhen?: (session: SessionInfo) => boolean;
}

// Paths are Italian, as the users read them. Modules add their pages here.
export const paths = {
  home: "/",
  signIn: "/accedi",
  mfaVerify: "/accedi/verifica",
  passwordResetRequest: "/recupera-password",
  passwordResetConfirm: "/reimposta-password",
  invitation: "/invito",
  profile: "/profilo",
  mfaEnrol: "/profilo/verifica-in-due-passaggi",
  apiTokens: "/profilo/token",
  organisationSettings: "/organizzazione",
  members: "/organizzazione/membri",
  ssoProviders: "/organizzazione/sso",
  audit: "/amministrazione/registro",
  mail: "/amministrazione/posta",
  assessments: "/valutazioni",
  assessment: "/valutazioni/:id",
  assessmentResults: "/valutazioni/:id/risultati",
  clientAssessment: "/clienti/:orgId/valutazioni/:id",
  frameworks: "/valutazioni/framework",
  risks: "/rischi",
  riskNew: "/rischi/nuovo",
  riskMatrix: "/rischi/matrice",
  risk: "/rischi/:id",
  riskEdit: "/rischi/:id/modifica",
  roadmap: "/piano",
  actionNew: "/piano/azioni/nuova",
  action: "/piano/azioni/:id",
  coordinated: "/coordinamento",
  coordinatedResults: "/coordinamento/:orgId/valutazioni/:id",
} as const;

// everyone but employees reads the register and the roadmap
const riskReaders: Role[] = ["admin", "security_manager", "it_operator", "auditor", "viewer"];
/** the session acts for an IT provider, which works on its entities' roadmaps, not on a register of its own */
const actsAsProvider = (s: SessionInfo) =>
  s.organisations.find((o) => o.id === s.currentOrgId)?.type === "it_provider" && s.relatedOrganisations.some((o) => o.relation === "provider_of");

export const routes: AppRoute[] = [
  { path: paths.home, element: <HomePage />, nav: { section: "main", labelKey: "home" } },
  { path: paths.signIn, element: <SignInPage />, access: "public" },
  { path: paths.mfaVerify, element: <MfaVerifyPage />, access: "public" },
  { path: paths.passwordResetRequest, element: <PasswordResetRequestPage />, access: "public" },
  { path: paths.passwordResetConfirm, element: <PasswordResetConfirmPage />, access: "public" },
  { path: paths.invitation, element: <InvitationPage />, access: "public" },
  // every member may list assessments (the server filters what providers and coordinators see)
  { path: paths.assessments, element: lazyPage(assessments, "AssessmentsPage"), nav: { section: "main", labelKey: "assessments" } },
  { path: paths.assessment, element: lazyPage(assessments, "AssessmentPage") },
  { path: paths.assessmentResults, element: lazyPage(assessments, "ResultsPage") },
  // a user of an IT provider on a client's assessment assigned to them (the server decides)
  { path: paths.clientAssessment, element: lazyPage(assessments, "AssessmentPage") },
  // every member reads the frameworks and their templates; the upload form follows the server's actions
  { path: paths.frameworks, element: lazyPage(assessments, "FrameworksPage"), nav: { section: "main", labelKey: "frameworks" } },
  // risk register and roadmap: roles mirror the server's risks and actions policies. The register
  // belongs to the entity (its provider sees only what its actions link to, from the roadmap).
  { path: paths.risks, element: lazyPage(risks, "RiskRegisterPage"), roles: riskReaders, nav: { section: "main", labelKey: "risks" }, navWhen: (s) => !actsAsProvider(s) },
  { path: paths.riskNew, element: lazyPage(risks, "RiskFormPage"), roles: ["admin", "security_manager"] },
  { path: paths.riskMatrix, element: lazyPage(risks, "MatrixSettingsPage"), roles: ["admin", "security_manager"], nav: { section: "organisation", labelKey: "riskMatrix" }, navWhen: (s) => !actsAsProvider(s) },
  { path: paths.risk, element: lazyPage(risks, "RiskDetailPage"), roles: riskReaders },
  { path: paths.riskEdit, element: lazyPage(risks, "RiskFormPage"), roles: ["admin", "security_manager"] },
  { path: paths.roadmap, element: lazyPage(risks, "RoadmapPage"), roles: riskReaders, nav: { section: "main", labelKey: "roadmap" } },
  { path: paths.actionNew, element: lazyPage(risks, "ActionFormPage"), roles: ["admin", "security_manager"] },
  { path: paths.action, element: lazyPage(risks, "ActionFormPage"), roles: riskReaders },
  // roles mirror the server's coordinatorViewPolicy; listed only for organisations that coordinate others
  {
    path: paths.coordinated,
    element: lazyPage(assessments, "CoordinatedPage"),
    roles: ["admin", "security_manager", "auditor"],
    nav: { section: "main", labelKey: "coordinated" },
    navWhen: (session) => session.relatedOrganisations.some((o) => o.relation === "coordinator_of"),
  },
  { path: paths.coordinatedResults, element: lazyPage(assessments, "CoordinatedResultsPage") },
  // threat-intelligence sharing: every member reads what TLP lets it see; writers (as the server's itemShelfPolicy) publish
  { path: intelPaths.hub, element: lazyPage(intel, "HubPage"), nav: { section: "main", labelKey: "intelHub" } },
  { path: intelPaths.newAdvisory, element: lazyPage(intel, "NewAdvisoryPage"), roles: [...intelWriters] },
  { path: intelPaths.newIndicators, element: lazyPage(intel, "NewIndicatorsPage"), roles: [...intelWriters] },
  { path: intelPaths.newReport, element: lazyPage(intel, "NewReportPage"), roles: [...intelWriters] },
  { path: intelPaths.communities, element: lazyPage(intel, "CommunitiesPage"), nav: { section: "organisation", labelKey: "intelCommunities" } },
  { path: intelPaths.item, element: lazyPage(intel, "ItemPage") },
  // TLP:CLEAR for anyone, signed in or not, with its Atom feed
  { path: intelPaths.publicList, element: lazyPage(intel, "PublicListPage"), access: "public", nav: { section: "main", labelKey: "intelPublic" } },
  { path: intelPaths.publicItem, element: lazyPage(intel, "PublicItemPage"), access: "public" },
  // the academy is open to everyone, signed in or not (anonymous learners keep progress in the browser)
  { path: academyPaths.catalog, element: academyElements.catalog, access: "public", nav: { section: "main", labelKey: "academy" } },
  // the organisation's training plan: roles mirror the server's trainingPlanPolicy (the form only for who may assign)
  { path: trainingPaths.assignments, element: trainingElements.assignments, roles: ["admin", "security_manager", "auditor"], nav: { section: "organisation", labelKey: "trainingAssignments" } },
  { path: trainingPaths.report, element: trainingElements.report, roles: ["admin", "security_manager", "auditor"], nav: { section: "organisation", labelKey: "trainingReport" } },
  // academy authoring: the server decides who writes what (organisation admins, security managers, academy editors)
  { path: authoringPaths.authoring, element: authoringElements.authoring, nav: { section: "organisation", labelKey: "academyAuthoring" }, roles: ["admin", "security_manager"] },
  { path: authoringPaths.scorm, element: authoringElements.scorm },
  { path: academyPaths.certificates, element: academyElements.certificates, nav: { section: "account", labelKey: "academyCertificates" } },
  { path: academyPaths.verifyForm, element: academyElements.verifyForm, access: "public" },
  { path: academyPaths.verify, element: academyElements.verify, access: "public" },
  { path: academyPaths.certificateLink, element: academyElements.certificateLink, access: "public" },
  { path: academyPaths.path, element: academyElements.path, access: "public" },
  { path: academyPaths.item, element: academyElements.item, access: "public" },
  { path: paths.profile, element: lazyPage(account, "ProfilePage"), nav: { section: "account", labelKey: "profile" } },
  { path: paths.mfaEnrol, element: lazyPage(account, "MfaEnrolPage") },
  // roles mirror the server's policies (identity, administration); the server still decides every call
  { path: paths.apiTokens, element: lazyPage(account, "ApiTokensPage"), nav: { section: "account", labelKey: "apiTokens" } },
  { path: paths.organisationSettings, element: lazyPage(account, "OrganisationSettingsPage"), roles: ["admin", "security_manager", "auditor"], nav: { section: "organisation", labelKey: "organisationSettings" } },
  { path: paths.members, element: lazyPage(account, "MembersPage"), roles: ["admin", "security_manager", "auditor"], nav: { section: "organisation", labelKey: "members" } },
  // admins only, as the server's manageSso; the page also checks the organisation's actions
  { path: paths.ssoProviders, element: lazyPage(account, "SsoProvidersPage"), roles: ["admin"], nav: { section: "organisation", labelKey: "ssoProviders" } },
  { path: paths.audit, element: lazyPage(account, "AuditLogPage"), roles: ["admin", "auditor"], nav: { section: "administration", labelKey: "audit" } },
  { path: paths.mail, element: lazyPage(account, "MailOutboxPage"), roles: ["admin"], nav: { section: "administration", labelKey: "mail" } },
  { path: "/password-reset", element: <PasswordResetAlias />, access: "public" },
  { path: "/invitations/:token", element: <InvitationAlias />, access: "public" },
];
