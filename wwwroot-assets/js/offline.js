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

  // What no saved route lists any more (an older ?v= of a style, a route removed) leaves the cache; with nothing
  // saved, the cache and the service worker go too.
  function prune(list) {
    if (list.length === 0) {
      return caches.delete(CACHE).then(function () {
        return navigator.serviceWorker.getRegistrations();
      }).then(function (registrations) {
        return Promise.all(registrations.map(function (r) { return r.unregister(); }));
      });
    }
    var kept = {};
    list.forEach(function (r) { r.urls.forEach(function (u) { kept[new URL(u, location.href).href] = true; }); });
    return caches.open(CACHE).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.filter(function (r) { return !kept[r.url]; }).map(function (r) { return cache.delete(r); }));
      });
    });
  }

  var removed = false; // set when the reader removes the copy while a quiet re-save is still running

  function store(quiet) {
    var urls = addresses();
    return navigator.serviceWorker.register("/sw.js").then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      return caches.open(CACHE);
    }).then(function (cache) {
      return Promise.all(urls.map(function (url) { return copy(cache, url); }));
    }).then(function () {
      if (removed) return prune(saved());
      var list = saved().filter(function (r) { return r.path !== path; });
      list.push({ path: path, title: document.querySelector("h1").textContent.trim(), urls: urls, at: new Date().toISOString() });
      remember(list);
      if (!quiet) status.textContent = box.dataset.done;
      show(true);
      return prune(list);
    }, function (error) {
      // A save cut short keeps nothing of itself: the copies of what no saved route lists are removed again.
      return prune(saved()).then(function () { throw error; }, function () { throw error; });
    });
  }

  var mine = saved().filter(function (r) { return r.path === path; })[0];
  show(!!mine);
  // A saved route opened online is saved again only when what it needs has changed (a new ?v= of a style after an
  // update of the site, a stop added): a phone on a metered connection does not download it all at every visit.
  if (mine && navigator.onLine && addresses().join("\n") !== mine.urls.join("\n")) {
    store(true).catch(function () { /* the older copy stays */ });
  }

  save.addEventListener("click", function () {
    removed = false;
    save.disabled = true;
    status.textContent = box.dataset.saving;
    store(false).catch(function () {
      status.textContent = box.dataset.failed;
    }).then(function () { save.disabled = false; });
  });

  remove.addEventListener("click", function () {
    removed = true;
    // What another saved route still needs (shared stops, styles) stays.
    var others = saved().filter(function (r) { return r.path !== path; });
    remember(others);
    prune(others).then(function () {
      status.textContent = box.dataset.removed;
      show(false);
    }).catch(function () {
      status.textContent = box.dataset.failed;
    });
  });
})();
