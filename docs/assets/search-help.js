// Search that never dead-ends. The search page's help box (#search-help) is moved to the top of the theme's search
// results, so the search overlay, which covers the page on a phone, never hides the way to help. When the search
// holds one of the partnership's help words (data-words, "|" between them: crisis words, drug names) or finds
// nothing, the box is shown first and in full; when nothing is found it also lists the closest pages by title,
// from the search index the theme has already downloaded (same site, no other host).
// Both builders' search boxes are served: mkdocs-material's (.md-search-result in the page) and Zensical's (a dialog
// labelled Search in a shadow root, found by its roles: a combobox, a status and a listbox of options).
(function () {
  "use strict";

  var index = null;

  function words(box) {
    return (box.getAttribute("data-words") || "").split("|").filter(Boolean);
  }

  function escapeForRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function hasHelpWord(query, list) {
    var text = " " + query.toLowerCase().replace(/[^a-z0-9'&]+/g, " ") + " ";
    return list.some(function (word) {
      return new RegExp("(^|\\s)" + escapeForRegExp(word) + "(\\s|$)").test(text);
    });
  }

  function trigrams(text) {
    var padded = "  " + text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim() + " ";
    var grams = {};
    for (var i = 0; i < padded.length - 2; i += 1) { grams[padded.slice(i, i + 3)] = true; }
    return grams;
  }

  function likeness(a, b) {
    var shared = 0, total = 0, key;
    for (key in a) { if (a.hasOwnProperty(key)) { total += 1; if (b[key]) { shared += 1; } } }
    for (key in b) { if (b.hasOwnProperty(key)) { total += 1; } }
    return total ? (2 * shared) / total : 0;
  }

  // The search index the theme downloads: MkDocs + material's search/search_index.json ("docs"), or Zensical's
  // search.json ("items"); both list each page's location and title.
  function loadIndex(script, address) {
    if (index) { return; }
    index = [];
    fetch(new URL(address, script.src), {credentials: "same-origin"}).then(function (response) { return response.json(); })
      .then(function (data) {
        index = (data.docs || data.items || []).filter(function (doc) { return doc.location.indexOf("#") === -1 && doc.title; })
          .map(function (doc) { return {title: doc.title, href: new URL(doc.location, new URL("../", script.src)).href}; });
      }).catch(function () { index = []; });
  }

  function closest(query, count) {
    var grams = trigrams(query);
    return index.map(function (doc) { return {doc: doc, score: likeness(grams, trigrams(doc.title))}; })
      .sort(function (a, b) { return b.score - a.score; }).slice(0, count).map(function (item) { return item.doc; });
  }

  // mkdocs-material: the results are in the page, under .md-search-result.
  function materialSearch() {
    var result = document.querySelector(".md-search-result");
    var input = document.querySelector('[data-md-component="search-query"]');
    if (!result || !input) { return null; }
    return {
      input: input, parent: result, before: result.firstChild, index: "../search/search_index.json",
      watched: result.querySelectorAll(".md-search-result__meta, .md-search-result__list"),
      count: function () { return result.querySelectorAll(".md-search-result__item").length; }
    };
  }

  // Zensical: a dialog in a shadow root, which the site's styles do not reach, so the box takes pages.css with it.
  function zensicalSearch(script) {
    var hosts = document.querySelectorAll("body > *");
    for (var i = 0; i < hosts.length; i += 1) {
      var root = hosts[i].shadowRoot;
      var dialog = root && root.querySelector('dialog[aria-label]');
      var input = dialog && dialog.querySelector('input[role="combobox"]');
      var status = dialog && dialog.querySelector('[role="status"]');
      var list = dialog && dialog.querySelector('[role="listbox"]');
      if (input && status && list) {
        var style = document.createElement("link");
        style.rel = "stylesheet";
        style.href = new URL("pages.css", script.src).href;
        root.appendChild(style);
        return {
          input: input, parent: status.parentNode, before: status, index: "../search.json", watched: [status, list],
          count: function () { return dialog.querySelectorAll('[role="listbox"] [role="option"]').length; }
        };
      }
    }
    return null;
  }

  function setUp(tries) {
    var box = document.getElementById("search-help");
    var script = document.querySelector('script[src$="search-help.js"]');
    if (!box || !script) { return; }
    var search = materialSearch() || zensicalSearch(script);
    if (!search) {  // Zensical draws its dialog after the page has loaded
      if (tries < 50) { window.setTimeout(function () { setUp(tries + 1); }, 100); }
      return;
    }
    var input = search.input;
    var list = words(box);
    var note = document.createElement("p");
    note.className = "search-help__nothing";
    note.textContent = box.getAttribute("data-nothing");
    var near = document.createElement("nav");
    near.className = "search-help__closest";
    near.setAttribute("aria-label", box.getAttribute("data-closest"));
    box.insertBefore(note, box.firstChild);
    box.appendChild(near);
    search.parent.insertBefore(box, search.before);
    loadIndex(script, search.index);

    function update() {
      var query = input.value.trim();
      var found = search.count();
      var nothing = query.length > 0 && found === 0;
      box.classList.toggle("search-help--first", nothing || hasHelpWord(query, list));
      box.classList.toggle("search-help--nothing", nothing);
      near.textContent = "";
      if (nothing) {
        var heading = document.createElement("p");
        heading.textContent = box.getAttribute("data-closest");
        near.appendChild(heading);
        var links = document.createElement("ul");
        closest(query, 3).forEach(function (doc) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = doc.href;
          link.textContent = doc.title;
          item.appendChild(link);
          links.appendChild(item);
        });
        near.appendChild(links);
      }
    }

    input.addEventListener("input", function () { window.setTimeout(update, 300); });
    // Watch only the theme's parts of the results (their count and list), never the box this script changes.
    var observer = new MutationObserver(update);
    Array.prototype.forEach.call(search.watched,
      function (part) { observer.observe(part, {childList: true, subtree: true, characterData: true}); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { window.setTimeout(function () { setUp(0); }, 0); });
  } else {
    setUp(0);
  }
})();
