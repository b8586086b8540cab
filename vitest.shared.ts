// The one vitest config every package reuses: tests run from source via the "@xxgk/source" condition,
// and any unexpected console output fails the test (see test-setup.ts).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@xxgk/source"] },
  ssr: { resolve: { conditions: ["@xxgk/source"] } },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: [fileURLToPath(new URL("./test-setup.ts", import.meta.url))],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
