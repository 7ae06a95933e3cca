// The live meeting page: follow along, and say plainly when the server refused a change.
(function () {
  // The live poll says what the page holds: each part's id and the digest of its content, so
  // the server sends only the parts that changed since (councils/meeting_page.py).
  document.body.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt.id !== "meeting-live") return;
    document.querySelectorAll("[data-live-part]").forEach(function (part) {
      event.detail.parameters[part.id] = part.dataset.digest;
    });
  });
  var notice = document.getElementById("meeting-notice");
  if (!notice) return;
  document.body.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var text = xhr && xhr.status < 500 && xhr.responseText && xhr.responseText.length < 300
      ? xhr.responseText
      : notice.dataset.fallback || "Something went wrong; please reload the page.";
    notice.textContent = text;
    notice.hidden = false;
  });
  // A later change that went through makes an old refusal untrue: clear it.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful && event.detail.requestConfig.verb !== "get") {
      notice.hidden = true;
      notice.textContent = "";
    }
  });
  document.body.addEventListener("htmx:sendError", function () {
    notice.textContent = notice.dataset.offline || "You seem to be offline; your last change was not saved.";
    notice.hidden = false;
  });
})();
