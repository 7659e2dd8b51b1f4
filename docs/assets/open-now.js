// "Open now" or "Closed now" beside a help service's opening hours. The hours are always listed in words; where
// JavaScript runs, each element with data-hours ("always", or "day start end" triples in minutes, Monday = 0,
// separated by ";") gets a short status from the visitor's own clock. The words come from the script tag's
// data-open and data-closed attributes, so a partnership can reword or translate them.
(function () {
  "use strict";
  var WEEK = 7 * 24 * 60;

  function isOpen(data, now) {
    if (data === "always") { return true; }
    var minute = ((now.getDay() + 6) % 7) * 24 * 60 + now.getHours() * 60 + now.getMinutes();
    return data.split(";").some(function (triple) {
      var parts = triple.trim().split(" ").map(Number);
      if (parts.length !== 3 || parts.some(isNaN)) { return false; }
      var start = parts[0] * 24 * 60 + parts[1], end = parts[0] * 24 * 60 + parts[2];
      // An opening that passes midnight on Sunday carries on into Monday.
      return (minute >= start && minute < end) || (minute + WEEK >= start && minute + WEEK < end);
    });
  }

  function mark() {
    var script = document.querySelector('script[src$="open-now.js"]');
    if (!script) { return; }
    var now = new Date();
    Array.prototype.forEach.call(document.querySelectorAll("[data-hours]"), function (hours) {
      var open = isOpen(hours.getAttribute("data-hours"), now);
      var status = document.createElement("strong");
      status.className = open ? "open-now open-now--open" : "open-now open-now--closed";
      status.textContent = script.getAttribute(open ? "data-open" : "data-closed");
      hours.appendChild(document.createTextNode(" "));
      hours.appendChild(status);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
})();
