// Sortable tables, where JavaScript runs. A column whose header has data-sort ("text", or "value" to sort by each
// cell's data-sort-value) gets a button in its header; pressing it sorts the rows by that column, then the other way.
// The header's aria-sort says the order to screen readers. Without JavaScript the table keeps its own order.
(function () {
  "use strict";

  function key(row, column, how) {
    var cell = row.children[column];
    if (!cell) { return ""; }
    if (how === "value") { return Number(cell.getAttribute("data-sort-value")) || 0; }
    return cell.textContent.trim().toLowerCase();
  }

  function sortBy(table, header, column, how) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, index) { row.setAttribute("data-order", index); });
    rows.sort(function (a, b) {
      var x = key(a, column, how), y = key(b, column, how);
      if (x < y) { return ascending ? -1 : 1; }
      if (x > y) { return ascending ? 1 : -1; }
      return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll("table.overview"), function (table) {
      if (!table.tHead || !table.tBodies.length) { return; }
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
        var how = header.getAttribute("data-sort");
        if (!how) { return; }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort-button";
        while (header.firstChild) { button.appendChild(header.firstChild); }
        header.appendChild(button);
        button.addEventListener("click", function () { sortBy(table, header, column, how); });
      });
      table.classList.add("overview--sortable");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
