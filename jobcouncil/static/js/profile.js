// Default the timezone select to the browser's own timezone on a new profile.
(function () {
  var form = document.querySelector("form[data-default-timezone='browser']");
  if (!form) return;
  var select = form.querySelector("select[name='timezone']");
  if (!select || select.value) return;
  var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (tz && select.querySelector("option[value='" + tz + "']")) select.value = tz;
})();
