import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Root is this folder whatever the working directory; `npm run build:web` writes web/dist,
// which the server serves. In development `vite --config web/vite.config.ts` proxies /api.
const root = decodeURIComponent(new URL(".", import.meta.url).pathname);

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2_000,
    // which chunk holds which page, for bench/bundle-size.ts
    manifest: true,
    // the CSS transform of Bootstrap Italia dominates; the timing notice is noise in every build
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
