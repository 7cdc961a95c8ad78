export { AssignmentsPage } from "./AssignmentsPage.tsx";
export { TrainingReportPage } from "./TrainingReportPage.tsx";
