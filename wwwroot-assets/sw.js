// The service worker of saved routes. It is registered only when a reader saves a route for offline use; it never
// caches by itself. Online, every request goes to the network (and refreshes a saved copy); with no connection, or a
// connection too slow to answer in a few seconds, a saved copy is served, and any other page gets the "no connection"
// page. Other sites' requests (map tiles: OpenStreetMap's tile policy forbids offline copies) are never touched.
var CACHE = "lang-nghe-ngoai-tuyen-v1";
var OFFLINE_PAGE = "/khong-co-mang";
var SLOW_MS = 4000;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  var network = fetch(request);
  // A saved copy is kept fresh while the reader is online: the answer is copied before the page reads it, and kept
  // only where a copy was saved (otherwise its copy is dropped unread).
  event.waitUntil(network.then(function (response) {
    if (!response.ok) return undefined;
    var copy = response.clone();
    return caches.open(CACHE).then(function (cache) {
      return cache.match(request, { ignoreVary: true }).then(function (saved) {
        if (saved) return cache.put(request, copy);
        return copy.body ? copy.body.cancel() : undefined;
      });
    });
  }).catch(function () { /* offline: nothing to refresh */ }));
  event.respondWith(caches.open(CACHE).then(function (cache) {
    // The exact address first; else the same path with any query: a saved route opened from a shared link
    // (?fbclid=…, ?zarsrc=…), or a stop page naming a newer ?v= of a style than the one saved.
    return cache.match(request, { ignoreVary: true }).then(function (exact) {
      return exact || cache.match(request, { ignoreVary: true, ignoreSearch: true });
    }).then(function (saved) {
      var fallback = function () {
        if (saved) return saved;
        if (request.mode === "navigate") {
          return cache.match(OFFLINE_PAGE, { ignoreVary: true }).then(function (page) { return page || Response.error(); });
        }
        return Response.error();
      };
      if (!saved) return network.catch(fallback);
      // Saved: whichever comes first, the network's answer or the copy after a few seconds of waiting.
      var slow = new Promise(function (resolve) { setTimeout(resolve, SLOW_MS); }).then(fallback);
      return Promise.race([network.catch(fallback), slow]);
    });
  }));
});
