import { lazyPage } from "../../app/lazy-page.tsx";

// routes.tsx imports only this file: the pages themselves arrive in a chunk loaded on the first
// visit to an academy address, with the spinner meanwhile.
const load = () => import("./pages.ts");

export const academyElements = {
  catalog: lazyPage(load, "CatalogPage"),
  path: lazyPage(load, "PathPage"),
  item: lazyPage(load, "ItemPage"),
  certificates: lazyPage(load, "CertificatesPage"),
  verifyForm: lazyPage(load, "VerifyFormPage"),
  verify: lazyPage(load, "VerifyPage"),
  certificateLink: lazyPage(load, "CertificateLinkAlias"),
};
