"""Every message the input checks give is explained in the comms team's guide to errors."""

from __future__ import annotations

import pytest

from build_charts.settings import PROJECT_ROOT

ERRORS = (PROJECT_ROOT / "docs" / "guide" / "errors.md").read_text(encoding="utf-8")
# The start of each message's "Found" line, as the guide quotes it.
FOUND = [
    "a file of 60 MB", "a line longer than 1 MB", "a cell of 150,000 characters", "a hidden NUL character (U+0000)",
    "a line break in", "a line separator (U+2028)", "a paragraph separator (U+2029)",
    "a hidden control character (a tab)", "an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE)",
    "followed by a line break", "81 characters", "a space before the opening quote of",
    "a colon (:) inside the title", "a line that cannot be read", "no block of settings at the top",
    "which posts do not use", "a list instead of words", "HTML or a script in the post",
    "an image from another website", 'the file name "Naloxone News!.md"', "a script rather than a web address", "which has no https:// at the start",
    "a page of this site rather than another website", "an address on this site",
    "which starts with http:// rather than https://", "no exit address", "the number 42 instead of text",
    "instead of a list", "no licence", "no contact address", "more problems not listed",
    "with 1 space at the end", "an Excel workbook, not a CSV file",
    "a file that datapackage.json does not list, so the site ignores it",
    "no row for the chart \"people-who-inject-drugs\", which the site published at", "no news post, which the site",
    "no page, which the site published at", "a chart whose address is not in datasets/published_urls.txt yet", "The periods in progress.csv are years, such as 2024, but",
    "before the newest progress report of this strategy",
    "characters before the @ that an address the site links to may not hold", "which the kit's sentence writes differently", "HTML in",
    "a sentence of 1,200 characters", "3,100 sentences", "which is not UTF-8", "nplurals=7",
    "abbreviation lines (*[ABC]: …)", "a menu title holding HTML", "a copyright line holding HTML", "\"hooks:\"",
    "a language the site cannot write", "a link to another file or folder (a symlink), not a file", "301 charts",
    "a date between 1900 and 2100", "(301 characters)", "these pages hold HTML that none of the site's",
    "stopped by the system (signal 9)", "HTML the site's pages may not hold",
    "a file the web host reads as its own settings or runs as code",
]


@pytest.mark.parametrize("found", FOUND)
def test_the_guide_explains_each_input_message(found):
    assert found in ERRORS.replace("\n", " ")
