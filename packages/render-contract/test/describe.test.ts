import { describeRendererContract } from "../src/index.js";
import { renderPlain } from "./_reference.js";

// A faithful renderer passes every promise of the contract, synchronously or not.
describeRendererContract("reference plain text", (report) => Promise.resolve(renderPlain(report)));
