/* Paraat public site: keeps the advice and the last known points for use without internet.
   Pages: network first, the kept copy when the network fails. */
const CACHE = "paraat-public-v2";
const PRECACHE = {{ precache|safe }};
const HOME = {{ home|safe }};
// A page never saved on this phone: say so and show the last known points, not the home page.
const OFFLINE = {{ offline|safe }};

function offlinePage(request) {
  const english = new URL(request.url).pathname.indexOf("/en/") !== -1;
  return caches.match(english ? OFFLINE.en : OFFLINE.nl).then((hit) => hit || caches.match(HOME));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(PRECACHE.map((url) => cache.add(url).catch(() => null)))
    ).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key)))
    ).then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }).catch(() =>
      caches.match(request).then((hit) => hit || (request.mode === "navigate" ? offlinePage(request) : undefined))
        .then((hit) => hit || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } }))
    )
  );
});
