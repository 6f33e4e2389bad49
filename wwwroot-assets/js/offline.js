// "Lưu để xem khi không có mạng" on a route page: copies the route, its stops' pages, its GPX and the files they need
// into the browser's cache, and registers the service worker (/sw.js) that serves them with no connection. Progressive:
// without this file, or in a browser without service workers, the page reads the same online.
(function () {
  var CACHE = "lang-nghe-ngoai-tuyen-v1";
  var LIST = "lang-nghe-tuyen-da-luu";
  var box = document.querySelector("[data-offline]");
  function saved() {
    try { return JSON.parse(localStorage.getItem(LIST) || "[]"); } catch (e) { return []; }
  }
  function remember(list) {
    try { localStorage.setItem(LIST, JSON.stringify(list)); } catch (e) { /* private mode: the copy still works */ }
  }

  // The "no connection" page lists the routes saved on this device.
  var savedList = document.querySelector("[data-saved-routes]");
  if (savedList) {
    saved().forEach(function (r) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = r.path;
      link.textContent = r.title;
      item.appendChild(link);
      savedList.appendChild(item);
    });
    if (savedList.children.length > 0) savedList.hidden = false;
  }
  if (!box || !("serviceWorker" in navigator) || !("caches" in window)) return;

  var save = box.querySelector("[data-offline-save]");
  var remove = box.querySelector("[data-offline-remove]");
  var status = box.querySelector("[data-offline-status]");
  var path = location.pathname;

  function show(isSaved) {
    save.hidden = false;
    remove.hidden = !isSaved;
    save.textContent = isSaved ? save.dataset.again : save.dataset.first;
  }

  // What this page and its stops need: the pages, the downloads, the styles, scripts and icons (same site only).
  function addresses() {
    var found = [path, "/khong-co-mang", "/favicon.svg"];
    box.querySelectorAll("[data-offline-also]").forEach(function (a) { found.push(a.getAttribute("href")); });
    document.querySelectorAll(".stops h3 a").forEach(function (a) { found.push(a.getAttribute("href")); });
    document.querySelectorAll("link[rel=stylesheet], link[rel=icon]").forEach(function (l) { found.push(l.getAttribute("href")); });
    document.querySelectorAll("script[src]").forEach(function (s) { found.push(s.getAttribute("src")); });
    return found.filter(function (href, i) { return href && href.charAt(0) === "/" && href.charAt(1) !== "/" && found.indexOf(href) === i; });
  }

  // Copies one address. "Purpose: prefetch" tells the site this is not a reader opening the page (no view counted).
  function copy(cache, url) {
    return fetch(url, { headers: { "Purpose": "prefetch" }, credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return cache.put(url, response);
    });
  }

  function store(quiet) {
    var urls = addresses();
    return navigator.serviceWorker.register("/sw.js").then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      return caches.open(CACHE);
    }).then(function (cache) {
      return Promise.all(urls.map(function (url) { return copy(cache, url); }));
    }).then(function () {
      var list = saved().filter(function (r) { return r.path !== path; });
      list.push({ path: path, title: document.querySelector("h1").textContent.trim(), urls: urls, at: new Date().toISOString() });
      remember(list);
      if (!quiet) status.textContent = box.dataset.done;
      show(true);
    });
  }

  var isSaved = saved().some(function (r) { return r.path === path; });
  show(isSaved);
  // A saved route opened online is saved again: the site's styles may have changed (new ?v= addresses) since.
  if (isSaved && navigator.onLine) store(true).catch(function () { /* the older copy stays */ });

  save.addEventListener("click", function () {
    save.disabled = true;
    status.textContent = box.dataset.saving;
    store(false).catch(function () {
      status.textContent = box.dataset.failed;
    }).then(function () { save.disabled = false; });
  });

  remove.addEventListener("click", function () {
    var list = saved();
    var mine = list.filter(function (r) { return r.path === path; })[0];
    var others = list.filter(function (r) { return r.path !== path; });
    // Keep what another saved route still needs (shared stops, styles).
    var kept = {};
    others.forEach(function (r) { r.urls.forEach(function (u) { kept[u] = true; }); });
    caches.open(CACHE).then(function (cache) {
      return Promise.all((mine ? mine.urls : [path]).filter(function (u) { return !kept[u]; }).map(function (u) { return cache.delete(u, { ignoreVary: true }); }));
    }).then(function () {
      remember(others);
      status.textContent = box.dataset.removed;
      show(false);
      // Nothing saved any more: the service worker has nothing to serve, so it goes too.
      if (others.length === 0) {
        return navigator.serviceWorker.getRegistrations().then(function (registrations) {
          return Promise.all(registrations.map(function (r) { return r.unregister(); }));
        });
      }
    }).catch(function () {
      status.textContent = box.dataset.failed;
    });
  });
})();
