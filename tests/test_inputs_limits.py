"""Work stays bounded: the language check reads a long cell once, and oversized files are refused before parsing."""

from __future__ import annotations

import re
import time

from build_charts.validate.checks import language


def _seconds(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def test_the_language_check_reads_a_long_cell_of_flagged_words_in_well_under_a_second():
    text = "addicts " * 50_000  # 400,000 characters, 50,000 findings
    assert _seconds(lambda: language.findings(text, [])) < 1.0
    assert len(language.findings(text, [])) == language.MAX_FINDINGS


def test_the_language_check_reads_a_ten_megabyte_cell_of_quoted_phrases_in_seconds():
    text = "heroin users growing older " * 370_000  # 10 MB, every term inside an exception phrase
    allowed = [re.compile("heroin users growing older", re.IGNORECASE)]
    assert _seconds(lambda: language.findings(text, allowed)) < 5.0
    assert language.findings(text, allowed) == []


def test_the_language_check_still_prefers_the_longer_term_at_the_same_place():
    found = language.findings("A former addict and an addict.", [])
    assert [(term.avoid, match.group(0)) for term, match in found] == [("ex-addict", "former addict"),
                                                                       ("addict", "addict")]
