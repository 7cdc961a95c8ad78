import { lazy, Suspense, type ComponentType } from "react";
import { Loading } from "../../../ui/Loading.tsx";

// routes.tsx imports only this file: the authoring pages arrive in a chunk of their own.
type Pages = typeof import("./pages.ts");
const load = () => import("./pages.ts");

function page(name: keyof Pages) {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

export const authoringElements = {
  authoring: page("AuthoringPage"),
  scorm: page("ScormPlayerPage"),
};
