// Long lists of places and items in the editor get a box that narrows them as one types, with or without diacritics
// ("phan thiet" finds "Phan Thiết"). The list itself works on its own without JavaScript; the chosen option always stays.
(function () {
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  var selects = document.querySelectorAll("select[data-filter]");
  for (var i = 0; i < selects.length; i++) {
    (function (select) {
      var id = select.id + "-loc";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.className = "filter-label";
      label.textContent = "Lọc danh sách “" + (select.labels && select.labels[0] ? select.labels[0].textContent.replace(/ \(bắt buộc\)$/, "") : "") + "”";
      var box = document.createElement("input");
      box.type = "search";
      box.id = id;
      box.autocomplete = "off";
      box.className = "select-filter";
      select.parentNode.insertBefore(label, select);
      select.parentNode.insertBefore(box, select);
      box.addEventListener("input", function () {
        var words = fold(box.value).split(/\s+/).filter(Boolean);
        for (var j = 0; j < select.options.length; j++) {
          var option = select.options[j];
          var text = fold(option.textContent);
          option.hidden = !option.selected && option.value !== "" && !words.every(function (w) { return text.indexOf(w) >= 0; });
        }
      });
    })(selects[i]);
  }
})();
