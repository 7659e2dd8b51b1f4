// "Exit this page" (GOV.UK Design System pattern). Without JavaScript the control is a plain link that
// leaves. With it, leaving also replaces this page in the history, hides the page at once, and pressing
// Shift three times within a second does the same from anywhere on the page.
(function () {
  "use strict";
  var button = document.getElementById("exit-this-page");
  if (!button) {
    return;
  }
  var exitUrl = button.getAttribute("href");

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.body.classList.add("exit-this-page--leaving");
    document.title = "Exiting";
    window.location.replace(exitUrl);
  }

  button.addEventListener("click", leave);

  var presses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = [];
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < 1000; });
    presses.push(now);
    if (presses.length >= 3) {
      leave();
    }
  });
})();
