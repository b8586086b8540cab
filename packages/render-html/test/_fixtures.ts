import type { Report, TableId } from "@xxgk/core-model";
import { contractFixtures } from "@xxgk/render-contract";

export const fixtures = contractFixtures();
export const byName = (name: string): Report => fixtures.find((f) => f.name === name)!.report;
export const TABLES: readonly TableId[] = ["proactive", "applications", "review"];
