// The admin's map picker: clicking the map fills the latitude and longitude fields (which work on their own without
// JavaScript, and stay the value that is saved). Typed values move the marker.
(function () {
  if (typeof L === "undefined") return;
  var block = document.querySelector("[data-position-picker]");
  if (!block) return;
  var lat = block.querySelector("[data-latitude]");
  var lon = block.querySelector("[data-longitude]");
  var element = block.querySelector("[data-position-map]");
  var hint = block.querySelector("[data-position-map-hint]");
  function read(input) { var v = parseFloat(String(input.value).replace(",", ".")); return isFinite(v) ? v : null; }
  element.hidden = false;
  hint.hidden = false;
  var map = L.map(element);
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
  }).addTo(map);
  var marker = null;
  function place(latlng, zoom) {
    if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng, { title: "Vị trí đã chọn", alt: "Vị trí đã chọn" }).addTo(map);
    if (zoom) map.setView(latlng, zoom);
  }
  var start = read(lat) !== null && read(lon) !== null ? [read(lat), read(lon)] : null;
  // Without a position, open on the province as a whole (a view, not a coordinate anything is given).
  if (start) place(start, 15); else map.setView([11.1, 108.1], 9);
  map.on("click", function (e) {
    lat.value = e.latlng.lat.toFixed(6);
    lon.value = e.latlng.lng.toFixed(6);
    place(e.latlng, 0);
  });
  function typed() { if (read(lat) !== null && read(lon) !== null) place([read(lat), read(lon)], map.getZoom() < 13 ? 15 : map.getZoom()); }
  lat.addEventListener("change", typed);
  lon.addEventListener("change", typed);
})();
