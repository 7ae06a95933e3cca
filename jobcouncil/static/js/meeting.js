// The live meeting page: say plainly when the server refused a change made through htmx.
(function () {
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
