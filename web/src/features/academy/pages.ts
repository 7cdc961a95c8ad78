// The academy's pages, loaded as one chunk of their own (see lazy.tsx): the public pages stay
// light and the rest of the app does not carry them.
import "./academy.css";

export { CatalogPage } from "./CatalogPage.tsx";
export { PathPage } from "./PathPage.tsx";
export { ItemPage } from "./ItemPage.tsx";
export { CertificatesPage } from "./CertificatesPage.tsx";
export { VerifyFormPage, VerifyPage, CertificateLinkAlias } from "./VerifyPage.tsx";
