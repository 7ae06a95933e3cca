// A refused htmx action is shown where the person acted. The server answers such a refusal
// with its real status (403, 400) and an HX-Reswap header; htmx leaves 4xx answers unswapped
// unless told, so swap these, replacing any earlier refusal in the same place.
(function () {
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (detail.xhr.status < 400 || detail.xhr.status >= 500 || !detail.xhr.getResponseHeader("HX-Reswap")) return;
    detail.shouldSwap = true;
    detail.isError = false;
    detail.target.querySelectorAll(":scope > .refusal").forEach(function (old) { old.remove(); });
  });
})();
