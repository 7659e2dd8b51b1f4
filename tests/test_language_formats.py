"""Lists, numbers and dates in the site's language, written by Babel from CLDR's rules for that language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from build_charts import i18n
from build_charts.charts.ages import written_date
from build_charts.charts.numbers import with_unit
from build_charts.pages.answers import listed, status_phrases
from build_charts.pages.markdown import long_date
from build_charts.vocab import vocabularies
from conftest import PROJECT_ROOT


def _language(code: str):
    """The kit's sentences, written for the site language `code` (no catalogue of its own)."""
    return i18n.using(i18n.load(i18n.project_catalogue(Path("/nonexistent"), code)))


@pytest.fixture(scope="module")
def vocab():
    import json

    return vocabularies(json.loads((PROJECT_ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8")))


def test_english_lists_numbers_and_dates_stay_british():
    with _language("en"):
        assert listed(["1", "2", "3"]) == "1, 2 and 3"
        assert listed(["a", "b", "c"], "or") == "a, b or c"
        assert listed(["a"]) == "a"
        assert with_unit(17000, "people") == "17,000 people"
        assert with_unit(2.5, "£") == "£2.50"
        assert with_unit(8.456, "percent") == "8.46%"
        assert long_date(date(2026, 11, 5)) == "5 November 2026"
        assert long_date("2025-01") == "January 2025"
        assert written_date("2024-03-04") == "4 March 2024"


def test_polish_lists_numbers_and_dates_follow_polish_rules():
    with _language("pl"):
        assert listed(["1", "2", "3"]) == "1, 2 i 3"
        assert listed(["a", "b", "c"], "or") == "a, b lub c"
        assert with_unit(17000, "osób") == "17\u00a0000 osób"
        assert with_unit(2.5, "percent") == "2,5%"
        assert long_date(date(2026, 11, 5)) == "5 listopada 2026"
        assert long_date("2025-01") == "styczeń 2025"
        assert written_date("2024-03-04") == "4 marca 2024"


def test_a_plain_answer_joins_its_statuses_in_the_site_language(vocab):
    statuses = ["complete", "on-track", "on-track", "not-started"]
    with _language("pl"):
        answer = status_phrases(statuses, 4, 0, vocab)
    assert " i 1 " in answer and " and " not in answer


def test_a_language_cldr_does_not_know_is_written_in_the_kits_english():
    with _language("xx"):
        assert listed(["1", "2", "3"]) == "1, 2 and 3"
