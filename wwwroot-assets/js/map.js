// Turns each [data-map] block into a Leaflet map once it comes near the screen, fetching Leaflet then (it is most
// of a catalogue page's weight). Without JavaScript, or if Leaflet or the tiles fail, the page keeps its list of
// places and coordinates; nothing here is needed to read the page.
(function () {
  var self = document.currentScript;
  var blocks = document.querySelectorAll("[data-map]");
  if (!self || !blocks.length) return;
  var loading = null;
  function leaflet() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var waiting = 2; // the script and its stylesheet: tiles are placed by the stylesheet's rules
      function done() { if (--waiting === 0) resolve(); }
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = self.dataset.leafletCss;
      css.onload = done;
      css.onerror = done;
      document.head.appendChild(css);
      var js = document.createElement("script");
      js.src = self.dataset.leafletJs;
      js.onload = done;
      js.onerror = reject;
      document.head.appendChild(js);
    });
    return loading;
  }
  function whenNear(element, run) {
    if (!("IntersectionObserver" in window)) { run(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      observer.disconnect();
      run();
    }, { rootMargin: "300px" });
    observer.observe(element.parentElement); // the map itself stays hidden, so it has no size to intersect
  }
  blocks.forEach(function (element) {
    whenNear(element, function () { leaflet().then(function () { draw(element); }, function () { /* the list stays */ }); });
  });

  function draw(element) {
    var data = element.parentElement.querySelector("[data-map-points]");
    var points;
    try { points = JSON.parse(data.textContent); } catch (e) { return; }
    if (!points.length) return;
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    }).addTo(map);
    var latlngs = [];
    points.forEach(function (p) {
      var latlng = [p.lat, p.lon];
      latlngs.push(latlng);
      var label = (p.n ? p.n + ". " : "") + p.title + (p.approx ? " (vị trí khoảng)" : "");
      var marker = p.n
        ? L.marker(latlng, { title: label, alt: label, icon: L.divIcon({ className: "map-number", html: String(p.n), iconSize: [28, 28] }) })
        : L.marker(latlng, { title: label, alt: label });
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = label;
      marker.bindPopup(link).addTo(map);
    });
    if (element.dataset.path === "true" && latlngs.length > 1) {
      L.polyline(latlngs, { color: "#8a2d12", weight: 3, dashArray: "6 6" }).addTo(map);
    }
    if (latlngs.length === 1) map.setView(latlngs[0], 13);
    else map.fitBounds(latlngs, { padding: [30, 30] });
  }
})();
