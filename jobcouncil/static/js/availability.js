// Click-and-drag painting on the availability grid; the checkboxes stay the source of truth,
// so keyboard and screen-reader users get the same form.
(function () {
  var table = document.querySelector("table.availability");
  if (!table) return;
  var total = document.getElementById("hours-total");
  var painting = null;

  function updateTotal() {
    var n = table.querySelectorAll("input[type=checkbox]:checked").length;
    if (total) total.textContent = String(n / 2);
  }
  function boxFrom(target) {
    if (!target || !target.closest) return null;
    var cell = target.closest("td");
    return cell ? cell.querySelector("input[type=checkbox]") : null;
  }
  table.addEventListener("pointerdown", function (event) {
    var box = boxFrom(event.target);
    if (!box) return;
    event.preventDefault();
    painting = !box.checked;
    box.checked = painting;
    updateTotal();
  });
  table.addEventListener("pointerover", function (event) {
    if (painting === null) return;
    var box = boxFrom(event.target);
    if (box) { box.checked = painting; updateTotal(); }
  });
  document.addEventListener("pointerup", function () { painting = null; });
  // The pointerdown handler already toggled; stop the native click from toggling it back.
  table.addEventListener("click", function (event) {
    if (event.detail > 0 && boxFrom(event.target)) event.preventDefault();
  });
  table.addEventListener("change", updateTotal);

  // Open the grid at the first marked time, or at 07:00, rather than at midnight.
  var scroller = table.closest(".grid-scroll");
  var first = table.querySelector("input[type=checkbox]:checked");
  var row = first ? first.closest("tr") : table.querySelectorAll("tbody tr")[14];
  if (scroller && row) scroller.scrollTop = row.offsetTop - table.tHead.offsetHeight - 8;
})();
