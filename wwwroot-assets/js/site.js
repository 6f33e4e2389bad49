// Progressive enhancement only: every page works without this file.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});

// A cached page was rendered earlier: the printed date is the day of printing, in Vietnam's time.
window.addEventListener("beforeprint", function () {
  var now = new Date(Date.now() + 7 * 3600 * 1000);
  var two = function (n) { return (n < 10 ? "0" : "") + n; };
  document.querySelectorAll("[data-print-date]").forEach(function (element) {
    element.dateTime = now.getUTCFullYear() + "-" + two(now.getUTCMonth() + 1) + "-" + two(now.getUTCDate());
    element.textContent = two(now.getUTCDate()) + "/" + two(now.getUTCMonth() + 1) + "/" + now.getUTCFullYear();
  });
});

// The phone's own share sheet (which lists Zalo, Messenger, mail…) where the browser offers one.
if (navigator.share) {
  document.querySelectorAll(".share-native").forEach(function (button) {
    button.parentElement.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: button.dataset.title, url: button.dataset.url }).catch(function () { /* closed by the reader */ });
    });
  });
}
document.querySelectorAll(".share-copy input").forEach(function (input) {
  input.addEventListener("focus", function () { input.select(); });
});

// With no connection the map cannot load its tiles: pages hide it (the stop list and positions stay), see site.css.
if (!navigator.onLine) document.documentElement.classList.add("offline");
window.addEventListener("offline", function () { document.documentElement.classList.add("offline"); });
window.addEventListener("online", function () { document.documentElement.classList.remove("offline"); });
