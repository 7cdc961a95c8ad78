// The threat-intel pages as one lazily loaded chunk (app/lazy-page.tsx).
export { HubPage } from "./HubPage.tsx";
export { ItemPage } from "./ItemPage.tsx";
export { NewAdvisoryPage } from "./NewAdvisoryPage.tsx";
export { NewIndicatorsPage } from "./NewIndicatorsPage.tsx";
export { NewReportPage } from "./NewReportPage.tsx";
export { CommunitiesPage } from "./CommunitiesPage.tsx";
export { PublicItemPage, PublicListPage } from "./PublicPages.tsx";
