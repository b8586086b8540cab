import { mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// The browser tests wait for IndexedDB and the page on a shared 2-core machine: polls get 10 s, not 1 s.
export default mergeConfig(shared, { test: { expect: { poll: { timeout: 10_000 } } } });
