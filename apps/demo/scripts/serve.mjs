#!/usr/bin/env node
// A tiny static server for the built demo, sending the strict Content-Security-Policy the app is
// written for. No dependency: node:http only. Usage: node scripts/serve.mjs [--port N] [--host H] [--dir D]
// (port: --port, else $PORT, else 4173 or any free port when 4173 is taken).
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** The policy the demo must run under without a single violation. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ttf": "font/ttf",
  ".webmanifest": "application/manifest+json",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    dir: { type: "string", default: fileURLToPath(new URL("../dist", import.meta.url)) },
  },
});

const root = normalize(values.dir);
try {
  statSync(join(root, "index.html"));
} catch {
  process.stderr.write(
    `xxgk 演示：缺少 ${join(root, "index.html")}，请先构建：pnpm --filter @xxgk/demo run build\n` +
      `xxgk demo: ${join(root, "index.html")} is missing; build first\n`,
  );
  process.exit(1);
}

function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  } catch {
    return null;
  }
  if (path.endsWith("/")) path += "index.html";
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

const server = createServer((req, res) => {
  res.setHeader("Content-Security-Policy", CSP);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  const file = fileFor(req.url ?? "/");
  if (!file) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    return;
  }
  const size = statSync(file).size;
  const hashed = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": String(size),
    "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
  });
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
});

// The usual port unless one is asked for; when the usual one is taken, any free one.
const asked = values.port ?? process.env.PORT;
let port = Number(asked ?? 4173);
server.on("error", (err) => {
  if (err.code === "EADDRINUSE" && asked === undefined && port !== 0) {
    port = 0;
    server.listen(port, values.host);
    return;
  }
  const why =
    err.code === "EADDRINUSE"
      ? `端口 ${port} 已被占用，请换一个端口（--port）`
      : err.code === "EACCES"
        ? `没有权限使用端口 ${port}，请换一个大于 1024 的端口（--port）`
        : `无法监听 ${values.host}:${port}`;
  process.stderr.write(
    `xxgk 演示：${why}\nxxgk demo: cannot listen on ${values.host}:${port}: ${err.message}\n`,
  );
  process.exit(1);
});
server.on("listening", () => {
  const addr = server.address();
  const url = `http://${values.host}:${typeof addr === "object" && addr ? addr.port : port}/`;
  process.stdout.write(`xxgk 演示网站 / demo: ${url}\n`);
});
server.listen(port, values.host);

for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
