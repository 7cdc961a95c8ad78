// Account, organisation and administration pages as one lazily loaded chunk (app/lazy-page.tsx):
// people open them rarely, and never on a citizen-facing page.
export { ProfilePage } from "../profile/ProfilePage.tsx";
export { MfaEnrolPage } from "../profile/MfaEnrolPage.tsx";
export { OrganisationSettingsPage } from "../organisation/OrganisationSettingsPage.tsx";
export { MembersPage } from "../organisation/MembersPage.tsx";
export { SsoProvidersPage } from "../sso/SsoProvidersPage.tsx";
export { AuditLogPage } from "./AuditLogPage.tsx";
export { MailOutboxPage } from "./MailOutboxPage.tsx";
export { ApiTokensPage } from "./ApiTokensPage.tsx";
