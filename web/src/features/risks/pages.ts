// The risk register and roadmap pages as one lazily loaded chunk (app/lazy-page.tsx).
export { RiskRegisterPage } from "./RiskRegisterPage.tsx";
export { RiskFormPage } from "./RiskFormPage.tsx";
export { RiskDetailPage } from "./RiskDetailPage.tsx";
export { MatrixSettingsPage } from "./MatrixSettingsPage.tsx";
export { RoadmapPage } from "./RoadmapPage.tsx";
export { ActionFormPage } from "./ActionFormPage.tsx";
