// Copy buttons ([data-copy] names the input to copy). Without JavaScript the button stays
// hidden and the link stays in a readonly input people can select and copy themselves.
(function () {
  function reveal(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function say(button, key) {
    var status = document.getElementById(button.dataset.copyStatus);
    if (status) status.textContent = button.dataset[key] || "";
  }

  reveal(document);
  document.body.addEventListener("htmx:load", function (event) {
    reveal(event.target);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.getElementById(button.dataset.copy);
    if (!input) return;
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(
        function () { say(button, "copied"); },
        function () { say(button, "copyFailed"); }
      );
    } else {
      // Plain-http sites have no clipboard API; the older command still works there.
      say(button, document.execCommand("copy") ? "copied" : "copyFailed");
    }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("input[data-select-on-focus]")) {
      event.target.select();
    }
  });
})();
