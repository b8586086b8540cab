// zod's JIT probes `new Function`, which a strict Content-Security-Policy forbids. Configure it
// before any schema is built: every schema module imports `z` from here, never from "zod".
import { z } from "zod";

z.config({ jitless: true });

export { z };
