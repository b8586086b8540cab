// Offline support for the xxgk demo. On install it caches the app shell and every built chunk (the
// list is written at build time into precache.json); afterwards pages come from the network when it is
// there and from the cache when it is not. The PDF fonts are cached by the app itself on first use.
const SHELL = "xxgk-demo-shell-v1";
const FONTS = "xxgk-fonts-v1";

/** Caches every file of the current build that is not cached yet (a new deploy renames chunks). */
async function precache() {
  const res = await fetch("precache.json", { cache: "no-store" });
  const files = await res.json();
  const cache = await caches.open(SHELL);
  for (const file of files) {
    const url = new URL(file, self.registration.scope).href;
    if (file === "./" || !(await cache.match(url))) await cache.add(url);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== SHELL && name !== FONTS) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.endsWith("/precache.json")) return;
  if (req.mode === "navigate") {
    event.respondWith(networkFirst(req));
    event.waitUntil(precache().catch(() => undefined));
  } else if (url.pathname.includes("/fonts/")) {
    event.respondWith(caches.match(req, { cacheName: FONTS }).then((hit) => hit ?? fetch(req)));
  } else {
    event.respondWith(cacheFirst(req));
  }
});

async function networkFirst(req) {
  const cache = await caches.open(SHELL);
  try {
    const res = await fetch(req);
    if (res.ok) await cache.put(new URL("./", self.registration.scope).href, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(new URL("./", self.registration.scope).href);
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(req) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}
