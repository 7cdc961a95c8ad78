import { lazyPage } from "../../../app/lazy-page.tsx";

// routes.tsx imports only this file: the managers' training pages arrive in a chunk of their own.
const load = () => import("./pages.ts");

export const trainingElements = {
  assignments: lazyPage(load, "AssignmentsPage"),
  report: lazyPage(load, "TrainingReportPage"),
};
