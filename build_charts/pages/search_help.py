"""The help box of the search page: words that mean a person needs help now, and where to send them.

docs/search/index.md includes the box (snippet `search-help.html`). Where JavaScript runs, docs/assets/search-help.js
keeps it at the top of the search results: always as a bar, so the search overlay never hides the way to help;
first and in full when the search holds one of the partnership's help words (`help_search_words` in the data
package's partnership block: crisis words and drug names) or finds nothing, with the closest pages by title.
"""

from __future__ import annotations

from build_charts.routes import path_for, url_for
from build_charts.templating import render

SNIPPET = "search-help.html"
SEARCH_SCRIPT = "assets/search-help.js"


def help_words(partnership: dict) -> list[str]:
    """The partnership's help words, lower case, each once, in the order written (the validator checks each)."""
    words: list[str] = []
    for word in partnership.get("help_search_words") or []:
        if isinstance(word, str) and word.strip() and " ".join(word.lower().split()) not in words:
            words.append(" ".join(word.lower().split()))
    return words


def search_snippets(partnership: dict) -> dict[str, str]:
    """The search page's help box and its script, keyed by snippet file name."""
    here = path_for("search")
    return {SNIPPET: render("search/help.html", words="|".join(help_words(partnership)),
                            get_help=url_for("get_help", here), script=url_for("home", here, file=SEARCH_SCRIPT))
            + "\n"}
