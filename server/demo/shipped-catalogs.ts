import { loadCatalogs } from "../modules/assessments/catalogs/catalog-loader.ts";
import type { CatalogRegistry } from "../modules/assessments/catalogs/catalog-loader.ts";

// The shipped catalogs, read and validated once per process however many demo parts need them
// (reading them costs tens of milliseconds, and seedDemo must stay fast).
let shipped: Promise<CatalogRegistry> | undefined;
export const shippedCatalogs = () => (shipped ??= loadCatalogs());
