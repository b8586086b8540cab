/**
 * @xxgk/render-contract — the one test suite every xxgk renderer runs: every label and value of a
 * fixture appears, `-` and blanks are kept, CJK text is intact.
 */
export { type ContractCode, type ContractViolation, checkRendererOutput, officialLabels } from "./check.js";
export { type ContractOptions, type ContractRender, describeRendererContract } from "./describe.js";
export { type ContractFixture, contractFixtures, exampleReport, longNamesAndUrls } from "./fixtures.js";
export { htmlToText, squash, tokens } from "./text.js";
