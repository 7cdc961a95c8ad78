import { lazy, Suspense, type ComponentType } from "react";
import { Loading } from "../../ui/Loading.tsx";

// routes.tsx imports only this file: the pages themselves arrive in a chunk loaded on the first
// visit to an academy address, with the spinner meanwhile.
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

export const academyElements = {
  catalog: page("CatalogPage"),
  path: page("PathPage"),
  item: page("ItemPage"),
  certificates: page("CertificatesPage"),
  verifyForm: page("VerifyFormPage"),
  verify: page("VerifyPage"),
  certificateLink: page("CertificateLinkAlias"),
};
