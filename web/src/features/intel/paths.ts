// The hub's addresses, in Italian as the users read them.
export const intelPaths = {
  hub: "/condivisione",
  communities: "/condivisione/comunita",
  newAdvisory: "/condivisione/nuovo/bollettino",
  newIndicators: "/condivisione/nuovo/indicatori",
  newReport: "/condivisione/nuovo/racconto",
  item: "/condivisione/:id",
  publicList: "/minacce-pubbliche",
  publicItem: "/minacce-pubbliche/:id",
} as const;

export const itemPath = (id: string) => `/condivisione/${id}`;
export const publicItemPath = (id: string) => `/minacce-pubbliche/${id}`;
export const writerRoles = ["admin", "security_manager", "it_operator"] as const;
