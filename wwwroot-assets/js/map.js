// Turns each [data-map] block into a Leaflet map. Without JavaScript, or if Leaflet or the tiles fail,
// the page keeps its list of places and coordinates; nothing here is needed to read the page.
(function () {
  if (typeof L === "undefined") return;
  document.querySelectorAll("[data-map]").forEach(function (element) {
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
  });
})();
