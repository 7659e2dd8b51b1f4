"""Every text the data can hold is shown as text: a payload in every string column is inert on every page.

One copy of the real package gets a payload in every string column of every resource (read from
datapackage.json, so a new column is covered without a change here), in the package's own title and description,
its resources' titles, the partnership's name and the words of every vocabulary (the labels of each code and the
names of the parts of a report). Each payload is the most dangerous one the validator lets
through in that column (it refuses tags in free text, so there the payload breaks out of attributes instead);
columns that cannot hold one are skipped for a reason the schema gives. The site is built once and every page,
the Atom feed and every JSON-LD block are read back with a parser.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from build_charts import pipeline, vocab
from build_charts.site import BuildFailed
from build_charts.validate.checks.contacts import PHONE_COLUMNS
from build_charts.validate.checks.help_page import HOURS_COLUMNS
from build_charts.validate.checks.links import EMAIL_COLUMNS, URL_COLUMNS
from tests.conftest import TODAY, copy_project

# What a template engine would turn into 1337 if it ever read data as a template.
TEMPLATE = "zq{{ 7*191 }}zq"
EVALUATED = "zq1337zq"
# Where tags are allowed through (a web address is checked as an address, not as text): tags and a handler.
TAGS = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
# Free text may hold no tag (the validator refuses "<" before a letter, and "&#"): break out of an attribute.
ATTRIBUTE_BREAK = "\"' onmouseover=\"alert(1)\" x='y'> <1 & "
PAYLOADS = {
    "text": ATTRIBUTE_BREAK + TEMPLATE,
    "url": "https://example.org/?q=" + (TAGS + TEMPLATE).replace(" ", "%20"),
    # The most a single address the email check accepts can carry (letters, digits and . _ - + ' before the @):
    # a quote that would end an attribute written with single quotes.
    "email": "x'+zq-7.191-zq'@example.org",
}


def payload_for(field: dict) -> tuple[str | None, str]:
    """The payload a column can hold and still validate, or None with the reason the schema gives."""
    name, constraints = field["name"], field.get("constraints", {})
    if field.get("type", "string") != "string":
        return None, f"holds a {field['type']}, not text"
    if "enum" in constraints:
        return None, "holds one of a fixed list of codes"
    if "pattern" in constraints:
        return None, f"must match the pattern {constraints['pattern']}"
    if name in PHONE_COLUMNS:
        return None, "holds a phone number: digits and spaces only"
    if name in HOURS_COLUMNS:
        return None, "holds opening hours: days and 24-hour times only"
    kind = "url" if name in URL_COLUMNS else "email" if name in EMAIL_COLUMNS else "text"
    payload = PAYLOADS[kind]
    if len(payload) > constraints.get("maxLength", len(payload)):
        return None, f"holds at most {constraints['maxLength']} characters"
    return payload, kind


def _put_payloads(datasets: Path) -> dict[tuple[str, str], str]:
    """Write a payload into the first row of every column that can hold one; return what went where.

    A key column's payload renames that key in every file (other rows refer to it as written), as an editor would.
    """
    descriptor_path = datasets / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    placed: dict[tuple[str, str], str] = {}
    tables: dict[Path, list[dict]] = {}
    renames: dict[str, str] = {}
    for resource in descriptor["resources"]:
        path = datasets / resource["path"]
        rows = tables[path] = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        keys = resource["schema"].get("primaryKey", [])
        for field in resource["schema"]["fields"]:
            payload, _ = payload_for(field)
            if payload is not None and field["name"] in rows[0]:
                if field["name"] in keys and rows[0][field["name"]]:
                    renames[rows[0][field["name"]]] = payload
                # A key fact that names a chart must still quote one of its figures, so the payload goes before it.
                quoted = resource["name"] == "key_facts" and field["name"] == "statement"
                rows[0][field["name"]] = payload + " " + rows[0][field["name"]] if quoted else payload
                placed[(resource["name"], field["name"])] = payload
        resource["title"] = PAYLOADS["text"]
    for path, rows in tables.items():
        _write_rows(path, [{name: _renamed(cell, renames) for name, cell in row.items()} for row in rows])
    descriptor["title"] = descriptor["description"] = descriptor["partnership"]["name"] = PAYLOADS["text"]
    _label_payloads(descriptor)
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return placed


def _renamed(cell: str, renames: dict[str, str]) -> str:
    """A cell with each renamed key replaced, whole or as one of its ';'-separated parts."""
    parts = [part.strip() for part in cell.split(";")]
    return "; ".join(renames.get(part, part) for part in parts) if any(p in renames for p in parts) else cell


def _write_rows(path: Path, rows: list[dict]) -> None:
    """Rows back to their CSV file."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _label_payloads(descriptor: dict) -> None:
    """A payload in the words of every code and every part of a report (each label told apart by a number)."""
    for resource, name in vocab.VOCABULARIES.values():
        for number, category in enumerate(vocab.field_of(descriptor, resource, name)["categories"]):
            category["label"] = f"{PAYLOADS['text']} {number}"
            if "description" in category:
                category["description"] = PAYLOADS["text"]
    for number, column in enumerate(vocab.REPORT_COLUMNS):
        spec = vocab.field_of(descriptor, "progress", column)
        for key in ("title", "shortTitle", "reportedTitle"):
            spec[key] = f"{PAYLOADS['text']} {number}"


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    """The real site built from a package with a payload in every column that can hold one."""
    paths = copy_project(tmp_path_factory.mktemp("injected"))
    with (paths.datasets / "corrections.csv").open("a", encoding="utf-8") as corrections:  # it has no rows yet
        corrections.write("drug-offences-rate,2026-11-20,A figure corrected,sds-2017\n")
    placed = _put_payloads(paths.datasets)
    try:
        outcome = pipeline.build(paths, today=TODAY)
    except BuildFailed as failed:  # the Content Security Policy step found a payload running as code
        pytest.fail(f"A payload reached a page as code: {failed}")
    assert outcome.ok, [p for p in outcome.problems if p.is_error]
    return paths.site, placed


# Script elements that hold data, not code: a browser never runs them.
DATA_SCRIPTS = {"application/ld+json", "application/json"}


def html_pages(site: Path) -> list[Path]:
    """Every HTML page the build wrote."""
    return sorted(site.rglob("*.html"))


def test_every_free_text_column_of_the_package_gets_a_payload(injected_site):
    _, placed = injected_site
    assert ("themes", "title") in placed and ("help_services", "url") in placed
    assert ("progress", "achievements") in placed and ("charts", "title") in placed
    assert ("corrections", "what_changed") in placed
    assert len(placed) >= 40


def test_no_payload_makes_an_element_or_an_attribute_on_any_page(injected_site):
    site, _ = injected_site
    made = []
    for path in html_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        relative = path.relative_to(site).as_posix()
        made += [(relative, "script") for s in soup.find_all("script")
                 if "alert(" in s.get_text() and s.get("type") not in DATA_SCRIPTS]
        made += [(relative, "img") for s in soup.find_all("img", src="x")]
        made += [(relative, f"{tag.name} {name}") for tag in soup.find_all(True) for name in tag.attrs
                 if name.startswith("on") or name == "x"]
    assert made == []


def test_the_payload_is_shown_as_the_text_it_is(injected_site):
    site, _ = injected_site
    theme_page = BeautifulSoup((site / "progress" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert PAYLOADS["text"] in theme_page.get_text()
    shown = [p for p in html_pages(site) if PAYLOADS["text"] in BeautifulSoup(
        p.read_text(encoding="utf-8"), "html.parser").get_text()]
    assert len(shown) > 10
    status = BeautifulSoup((site / "progress" / "rdhp-2025-demand" / "index.html").read_text(encoding="utf-8"),
                           "html.parser").select_one("span.status").get_text()
    assert PAYLOADS["text"] in status
    drawing = BeautifulSoup((site / "charts" / "commitments-by-status" / "index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one(".chart-scroll svg")
    assert PAYLOADS["text"] in drawing.get_text(" ")


def test_no_payload_is_read_as_a_template(injected_site):
    site, _ = injected_site
    evaluated = [p.relative_to(site).as_posix() for p in site.rglob("*")
                 if p.suffix in {".html", ".xml", ".json", ".svg", ".js"} and EVALUATED in p.read_text(encoding="utf-8")]
    assert evaluated == []


def test_the_feed_parses_and_keeps_the_payload_as_text(injected_site):
    site, _ = injected_site
    feed = ElementTree.parse(site / "updates" / "feed.xml").getroot()
    assert feed.find("{http://www.w3.org/2005/Atom}title").text == f"{PAYLOADS['text']}: updates"
    assert [element.tag for element in feed.iter() if "script" in element.tag or "img" in element.tag] == []


def _strings(data):
    """Every string inside a JSON value."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def test_every_json_ld_block_parses_and_keeps_the_payload_as_text(injected_site):
    site, _ = injected_site
    blocks = [script.string for path in html_pages(site)
              for script in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(
                  "script", type="application/ld+json")]
    assert blocks
    for block in blocks:
        strings = list(_strings(json.loads(block)))
        assert PAYLOADS["text"] in strings
        assert [s for s in strings if "zq" in s and PAYLOADS["text"] not in s and TEMPLATE not in s] == []
