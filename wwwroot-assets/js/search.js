// Autocomplete for search boxes marked [data-suggest]: a listbox of title suggestions from /api/search/suggest.
// Without JavaScript the box is a plain GET form to /tim-kiem.
(function () {
  var counter = 0;
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var id = "goi-y-" + (++counter);
    var list = document.createElement("ul");
    list.id = id;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Gợi ý");
    list.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");

    var timer = null, active = -1, items = [], last = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function render(data) {
      list.textContent = "";
      items = data;
      data.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = id + "-" + i;
        li.setAttribute("role", "option");
        var a = document.createElement("a");
        a.href = s.url;
        a.tabIndex = -1;
        a.textContent = s.title;
        var kind = document.createElement("span");
        kind.className = "suggestion-kind";
        kind.textContent = s.kind;
        a.appendChild(kind);
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = data.length === 0;
      input.setAttribute("aria-expanded", data.length ? "true" : "false");
    }

    function highlight(i) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (o) { o.removeAttribute("aria-selected"); });
      active = i;
      if (i >= 0 && options[i]) {
        options[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    input.addEventListener("input", function () {
      var q = input.value.trim();
      clearTimeout(timer);
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        last = q;
        fetch("/api/search/suggest?q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (data) { if (last === q) render(data); })
          .catch(close);
      }, 150);
    });

    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, -1)); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); window.location.href = items[active].url; }
    });

    input.addEventListener("blur", function () { setTimeout(close, 200); });
  });
})();
