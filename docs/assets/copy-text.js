// A "Copy" button for text a reader takes elsewhere (a chart's citation, its embed code). Without JavaScript the
// text is on the page to select and copy by hand; with it, each element marked data-copy-label gets a button
// named by that label, and a polite status that says "Copied" (or how to copy by hand when the browser refuses).
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyBySelection(element) {
    selectText(element);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function say(status, words) {
    // Emptied first, so saying the same words again is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = words; }, 50);
  }

  function copy(element, status) {
    var text = element.textContent.trim();
    var done = function () { say(status, "Copied"); };
    var byHand = function () {
      if (copyBySelection(element)) {
        done();
      } else {
        say(status, "Could not copy: the text is selected, copy it by hand");
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, byHand);
    } else {
      byHand();
    }
  }

  function addButton(element) {
    var bar = document.createElement("p");
    bar.className = "copy-text";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-text__button";
    button.textContent = element.getAttribute("data-copy-label");
    var status = document.createElement("span");
    status.className = "copy-text__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () { copy(element, status); });
    bar.appendChild(button);
    bar.appendChild(status);
    element.parentNode.insertBefore(bar, element.nextSibling);
  }

  // The date a citation was read is the reader's own day, as the page's language writes it ("7 December 2026").
  function fillInToday(element) {
    var language = document.documentElement.lang || "en-GB";
    var today = new Date().toLocaleDateString(language === "en" ? "en-GB" : language,
                                              {day: "numeric", month: "long", year: "numeric"});
    element.textContent = element.getAttribute("data-accessed").replace("{date}", today);
  }

  var dated = document.querySelectorAll("[data-accessed]");
  for (var j = 0; j < dated.length; j += 1) {
    fillInToday(dated[j]);
  }

  var elements = document.querySelectorAll("[data-copy-label]");
  for (var i = 0; i < elements.length; i += 1) {
    addButton(elements[i]);
  }
})();
