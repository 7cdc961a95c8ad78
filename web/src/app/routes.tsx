import type { ReactNode } from "react";
import type { Role } from "../api/types.ts";
import type { NavLabelKey, NavSection } from "./navigation/messages.ts";
import { HomePage } from "../features/home/HomePage.tsx";
import { SignInPage } from "../features/auth/SignInPage.tsx";
import { MfaVerifyPage } from "../features/auth/MfaVerifyPage.tsx";
import { PasswordResetRequestPage } from "../features/auth/PasswordResetRequestPage.tsx";
import { PasswordResetConfirmPage } from "../features/auth/PasswordResetConfirmPage.tsx";
import { InvitationPage } from "../features/auth/InvitationPage.tsx";
import { ProfilePage } from "../features/profile/ProfilePage.tsx";
import { MfaEnrolPage } from "../features/profile/MfaEnrolPage.tsx";
import { OrganisationSettingsPage } from "../features/organisation/OrganisationSettingsPage.tsx";
import { MembersPage } from "../features/organisation/MembersPage.tsx";
import { SsoProvidersPage } from "../features/sso/SsoProvidersPage.tsx";
import { AuditLogPage } from "../features/administration/AuditLogPage.tsx";
import { MailOutboxPage } from "../features/administration/MailOutboxPage.tsx";
import { ApiTokensPage } from "../features/administration/ApiTokensPage.tsx";
import { AssessmentsPage } from "../features/assessments/AssessmentsPage.tsx";
import { AssessmentPage } from "../features/assessments/AssessmentPage.tsx";
import { ResultsPage } from "../features/assessments/ResultsPage.tsx";
import { InvitationAlias, PasswordResetAlias } from "../features/auth/LinkAliases.tsx";

export interface AppRoute {
  path: string;
  element: ReactNode;
  /** "public": anyone (sign-in, reset, invitation); "signedIn" (default): a complete session */
  access?: "public" | "signedIn";
  /** roles in the current organisation that may open it (and see it in the navigation); all when absent */
  roles?: Role[];
  /** where it appears in the navigation; label keys live in navigation/messages.ts */
  nav?: { section: NavSection; labelKey: NavLabelKey };
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
} as const;

export const routes: AppRoute[] = [
  { path: paths.home, element: <HomePage />, nav: { section: "main", labelKey: "home" } },
  { path: paths.signIn, element: <SignInPage />, access: "public" },
  { path: paths.mfaVerify, element: <MfaVerifyPage />, access: "public" },
  { path: paths.passwordResetRequest, element: <PasswordResetRequestPage />, access: "public" },
  { path: paths.passwordResetConfirm, element: <PasswordResetConfirmPage />, access: "public" },
  { path: paths.invitation, element: <InvitationPage />, access: "public" },
  // every member may list assessments (the server filters what providers and coordinators see)
  { path: paths.assessments, element: <AssessmentsPage />, nav: { section: "main", labelKey: "assessments" } },
  { path: paths.assessment, element: <AssessmentPage /> },
  { path: paths.assessmentResults, element: <ResultsPage /> },
  { path: paths.profile, element: <ProfilePage />, nav: { section: "account", labelKey: "profile" } },
  { path: paths.mfaEnrol, element: <MfaEnrolPage /> },
  // roles mirror the server's policies (identity, administration); the server still decides every call
  { path: paths.apiTokens, element: <ApiTokensPage />, nav: { section: "account", labelKey: "apiTokens" } },
  { path: paths.organisationSettings, element: <OrganisationSettingsPage />, roles: ["admin", "security_manager", "auditor"], nav: { section: "organisation", labelKey: "organisationSettings" } },
  { path: paths.members, element: <MembersPage />, roles: ["admin", "security_manager", "auditor"], nav: { section: "organisation", labelKey: "members" } },
  // admins only, as the server's manageSso; the page also checks the organisation's actions
  { path: paths.ssoProviders, element: <SsoProvidersPage />, roles: ["admin"], nav: { section: "organisation", labelKey: "ssoProviders" } },
  { path: paths.audit, element: <AuditLogPage />, roles: ["admin", "auditor"], nav: { section: "administration", labelKey: "audit" } },
  { path: paths.mail, element: <MailOutboxPage />, roles: ["admin"], nav: { section: "administration", labelKey: "mail" } },
  { path: "/password-reset", element: <PasswordResetAlias />, access: "public" },
  { path: "/invitations/:token", element: <InvitationAlias />, access: "public" },
];
