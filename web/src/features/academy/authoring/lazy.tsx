import { lazyPage } from "../../../app/lazy-page.tsx";

// routes.tsx imports only this file: the authoring pages arrive in a chunk of their own.
const load = () => import("./pages.ts");

export const authoringElements = {
  authoring: lazyPage(load, "AuthoringPage"),
  scorm: lazyPage(load, "ScormPlayerPage"),
};
