// The assessment pages as one lazily loaded chunk (app/lazy-page.tsx).
export { AssessmentsPage } from "./AssessmentsPage.tsx";
export { AssessmentPage } from "./AssessmentPage.tsx";
export { ResultsPage } from "./ResultsPage.tsx";
export { FrameworksPage } from "./FrameworksPage.tsx";
export { CoordinatedPage } from "./CoordinatedPage.tsx";
export { CoordinatedResultsPage } from "./CoordinatedResultsPage.tsx";
