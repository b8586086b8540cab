// Types of scripts/region.mjs for the tests and the bench.
export interface RegionFile {
  readonly name: string;
  readonly data: string | Uint8Array;
}

export interface RegionExpectation {
  readonly reports: Record<
    string,
    {
      readonly body: string;
      readonly year: number;
      readonly role: "primary" | "duplicate";
      readonly verdicts: string[];
    }
  >;
  readonly notReports: string[];
  readonly mapping: Record<string, string>;
}

export declare const FIXTURE_MAPPING: Record<string, string>;
export declare function fixtureRegion(): Promise<{
  files: RegionFile[];
  mapping: Record<string, string>;
  expected: RegionExpectation;
}>;
export declare function generateRegion(options?: {
  bodies?: number;
  years?: number[];
  formats?: ("html" | "text" | "json")[];
}): RegionFile[];
