// Writes dist/report.schema.json from the zod schemas, for users outside TypeScript.
import { writeFileSync } from "node:fs";
import { z } from "zod";
import { reportSchema } from "../dist/index.js";

const schema = z.toJSONSchema(reportSchema, { io: "input", target: "draft-2020-12" });
schema.$id = "https://xxgk.dev/schemas/report.schema.json";
schema.title = "政府信息公开工作年度报告 (xxgk report document)";
writeFileSync(new URL("../dist/report.schema.json", import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
