// Enhances the admin editor's Markdown textarea with EasyMDE. Without JavaScript (or if EasyMDE fails to load) the
// textarea and the "Xem trước" button still work. The preview is rendered by the server's own Markdown pipeline.
(function () {
  "use strict";
  var textarea = document.querySelector("textarea.markdown");
  if (!textarea || typeof window.EasyMDE !== "function") return;
  var form = textarea.form;
  var token = form.querySelector("input[name=__RequestVerificationToken]");
  var renderUrl = form.getAttribute("data-render-url");
  var E = window.EasyMDE;

  function render(text, preview) {
    var body = new FormData();
    body.append("Body", text);
    if (token) body.append("__RequestVerificationToken", token.value);
    fetch(renderUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { preview.innerHTML = html; })
      .catch(function () { preview.textContent = "Không tải được bản xem trước. Hãy dùng nút “Xem trước” bên dưới."; });
    return "Đang tải bản xem trước…";
  }

  var editor = new E({
    element: textarea,
    autoDownloadFontAwesome: false,
    spellChecker: false,
    status: false,
    forceSync: true,
    minHeight: "320px",
    previewRender: render,
    toolbar: [
      { name: "bold", action: E.toggleBold, text: "Đậm", title: "In đậm" },
      { name: "italic", action: E.toggleItalic, text: "Nghiêng", title: "In nghiêng" },
      { name: "heading", action: E.toggleHeadingSmaller, text: "Tiêu đề", title: "Tiêu đề mục" },
      "|",
      { name: "unordered-list", action: E.toggleUnorderedList, text: "Danh sách", title: "Danh sách gạch đầu dòng" },
      { name: "ordered-list", action: E.toggleOrderedList, text: "Đánh số", title: "Danh sách đánh số" },
      { name: "quote", action: E.toggleBlockquote, text: "Trích dẫn", title: "Trích dẫn" },
      { name: "link", action: E.drawLink, text: "Liên kết", title: "Chèn liên kết" },
      { name: "table", action: E.drawTable, text: "Bảng", title: "Chèn bảng" },
      "|",
      { name: "preview", action: E.togglePreview, text: "Xem trước", title: "Xem trước (như trên cổng)", noDisable: true },
      { name: "side-by-side", action: E.toggleSideBySide, text: "Song song", title: "Soạn và xem song song", noDisable: true }
    ]
  });
  // "Chèn" beside each library image puts its Markdown line where the cursor is (without JavaScript: copy the line shown).
  document.querySelectorAll("[data-insert-image]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      editor.codemirror.replaceSelection("\n" + button.getAttribute("data-insert-image") + "\n");
      editor.codemirror.focus();
    });
  });
  // CodeMirror types into a hidden textarea of its own: give it the label of the field it replaces.
  var label = document.querySelector("label[for='" + textarea.id + "']");
  editor.codemirror.getInputField().setAttribute("aria-label", label ? label.textContent : "Nội dung (Markdown)");
})();
