"""A status's words and what it means come from one place: the vocabulary (build_charts/vocab.py), which the
progress pages, the home page, the change pages, the new-period scaffold and the charts ask."""

from __future__ import annotations

import copy
import json

import pytest

from build_charts import vocab as vocabulary
from build_charts.charts import status_by_theme
from build_charts.pages.answers import _answer_sentence, progress_answer, status_phrases
from build_charts.settings import PROJECT_ROOT
from build_charts.vocab import vocabularies

# The descriptor's schema (not its rows): the codes and words every partnership starts from.
DESCRIPTOR = json.loads((PROJECT_ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))


def _with_status(code: str, label: str) -> dict:
    """The fixture's descriptor with one more status a partnership has added to progress.csv's status field."""
    descriptor = copy.deepcopy(DESCRIPTOR)
    progress = next(r for r in descriptor["resources"] if r["name"] == "progress")
    status = next(f for f in progress["schema"]["fields"] if f["name"] == "status")
    status["constraints"]["enum"].append(code)
    status["categories"].append({"value": code, "label": label})
    return descriptor


@pytest.fixture(scope="module")
def vocab():
    return vocabularies(_with_status("delayed", "Delayed"))


def test_each_kit_status_says_whether_it_rates_and_applies(vocab):
    meanings = {code: (status.rated, status.applies) for code, status in vocab.statuses.items()}
    assert meanings == {"complete": (True, True), "on-track": (True, True), "with-challenges": (True, True),
                        "not-started": (True, True), "not-applicable": (False, False),
                        "not-assessed": (False, True), "delayed": (True, True)}


def test_a_status_a_partnership_adds_is_counted_in_the_plain_answer(vocab):
    answer = status_phrases(["on-track", "delayed", "not-applicable"], 3, 0, vocab)
    assert answer == "1 of 3 commitments is on track, 1 is delayed and 1 does not apply in this area"


def test_a_report_of_an_added_status_is_a_rating(vocab):
    latest = [{"status": "delayed", "period": "2025", "achievements": "x", "gaps_challenges": None,
               "next_actions": None}]
    answer = progress_answer(["c1"], latest, "its commitments", vocab)
    assert answer.startswith(_answer_sentence("The 2025 progress report", "the one commitment is delayed",
                                              False, True))


def test_the_status_chart_colours_an_added_status(vocab):
    assert status_by_theme._colour("delayed", vocab) == vocabulary.OTHER_STATUS.colour
    assert status_by_theme._colour("on-track", vocab) == vocab.statuses["on-track"].colour
