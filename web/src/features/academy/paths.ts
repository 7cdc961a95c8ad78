// The academy's addresses in the web app (Italian, as the users read them). routes.tsx maps them
// to the lazily loaded pages; the certificate PDF prints `/academy/certificates/{code}`, which
// redirects to the verification page.

export const academyPaths = {
  catalog: "/academy",
  certificates: "/academy/attestati",
  verifyForm: "/academy/verifica",
  verify: "/academy/verifica/:code",
  certificateLink: "/academy/certificates/:code",
  path: "/academy/:pathId",
  item: "/academy/:pathId/:itemId",
} as const;

export const pathHref = (slug: string) => `/academy/${encodeURIComponent(slug)}`;
export const itemHref = (slug: string, itemId: string) => `/academy/${encodeURIComponent(slug)}/${encodeURIComponent(itemId)}`;
export const verifyHref = (code: string) => `/academy/verifica/${encodeURIComponent(code)}`;
