import { defineConfig } from "vitest/config";

// End-to-end: a real server process and Chromium per file, so files run one at a time.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
