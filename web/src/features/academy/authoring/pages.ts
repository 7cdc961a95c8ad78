// The authoring pages, loaded as a chunk of their own (lazy.tsx): learners never download them.
import "./authoring.css";
export { AuthoringPage } from "./AuthoringPage.tsx";
export { ScormPlayerPage } from "./ScormPlayerPage.tsx";
