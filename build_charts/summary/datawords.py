"""What a change does to the data package, in the data's words: each row added, removed or changed, by file and
key, with the words a reviewer knows (the indicator, area and period of a figure; a commitment's title and its
status before and after; a help contact's name and the field that changed).

Each change is an Item: the Markdown line or block a reviewer reads, whether it belongs under "Check these before
approving", and the words that a changed sentence of a page must hold to be explained by it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from build_charts.html import esc
from build_charts.package import read_descriptor, read_text_tables
from build_charts.validate.problem import visible

# Text longer than this is folded under <details>.
LONG_TEXT = 300
NOT_ASSESSED = {"", "not-assessed"}
HELP_WORDS = {"name": "name", "offers": "what it offers", "for_whom": "who it is for", "category": "group",
              "area_served": "area", "phone": "phone", "text_number": "text number", "url": "website",
              "email": "email", "hours": "hours", "urgent": "urgent", "last_verified": "last checked",
              "source_id": "source", "note": "note"}
# Settings of the partnership block that send a reader somewhere: checked before approving.
FIRST_SETTINGS = {"contact_email", "exit_url", "report_form_url", "repository_url"}
# Tables whose rows are named by one column when a change to them is told.
ROW_NAMES = {"commitments": "title", "themes": "title", "strategies": "title", "sources": "title",
             "agencies": "name", "governance": "name", "glossary": "term", "charts": "title", "indicators": "title",
             "measures": "title", "help_services": "name", "strategy_sections": "heading", "key_facts": "statement"}


@dataclass(frozen=True)
class Item:
    """One change in the data, told in its words.

    `section` is the heading it is listed under; `lines` its Markdown; `first` puts it under "Check these
    before approving"; `words` are texts that a page's changed sentence holding one of them is explained by.
    """

    section: str
    lines: tuple[str, ...]
    first: bool = False
    words: frozenset[str] = field(default_factory=frozenset)


@dataclass
class Rows:
    """One version of the data package as text: each table's rows by key, and each table's key columns."""

    tables: dict[str, dict[tuple, dict]] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # (table, code column) → {code: words}
    settings: dict[str, str] = field(default_factory=dict)  # the partnership block, each value as text


def read_rows(datasets: Path) -> Rows:
    """The data package at `datasets` as text rows by primary key (empty when it cannot be read)."""
    rows = Rows()
    try:
        descriptor = read_descriptor(datasets)
        tables = read_text_tables(datasets, descriptor)
    except (OSError, ValueError):
        return rows
    partnership = descriptor.get("partnership")
    if isinstance(partnership, dict):
        rows.settings = {str(k): v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                         for k, v in partnership.items()}
    for resource in descriptor.get("resources", []):
        table = tables.get(resource.get("name"))
        if table is None:
            continue
        schema = resource.get("schema", {})
        key = schema.get("primaryKey") or [f["name"] for f in schema.get("fields", [])[:1]]
        key = [key] if isinstance(key, str) else key
        records = [{k: (v or "").strip() for k, v in r.items()} for r in table.records]
        rows.tables[table.name] = {tuple(r.get(k, "") for k in key): r for r in records if any(r.values())}
        rows.columns[table.name] = [f["name"] for f in schema.get("fields", [])]
        for spec in schema.get("fields", []):
            if spec.get("title"):
                rows.labels[(table.name, f"title:{spec['name']}")] = spec["title"]
            for category in spec.get("categories", []) or []:
                if isinstance(category, dict) and "label" in category:
                    rows.labels[(table.name, f"{spec['name']}={category.get('value')}")] = category["label"]
    return rows


def data_items(old: Rows, new: Rows) -> list[Item]:
    """Every change between two versions of the data package, told in the data's words."""
    told = {"indicator_values", "progress", "help_services", "key_facts", "indicators", "charts", "corrections"}
    items = (setting_items(old, new) + figure_items(old, new) + progress_items(old, new) + help_items(old, new)
             + fact_items(old, new) + indicator_items(old, new) + chart_items(old, new) + correction_items(old, new))
    for table in sorted((old.tables.keys() | new.tables.keys()) - told):
        items += row_items(old, new, table)
    return items


def setting_items(old: Rows, new: Rows) -> list[Item]:
    """The partnership's settings in datapackage.json that changed; where a reader is sent (contacts, "Exit this
    page", "Report a problem") is checked first."""
    items = []
    for key in sorted(old.settings.keys() | new.settings.keys()):
        was, now = old.settings.get(key), new.settings.get(key)
        if was != now:
            line = f"- The partnership's setting {md(key)} in `datapackage.json`: {_value(was)} → {_value(now)}"
            items.append(Item("Other data", (line,), key in FIRST_SETTINGS, frozenset(v for v in (was, now) if v)))
    return items


def figure_items(old: Rows, new: Rows) -> list[Item]:
    """Figures added, removed or changed: indicator, area, period, old → new; a tenfold move comes first."""
    before, after = old.tables.get("indicator_values", {}), new.tables.get("indicator_values", {})
    titles = _names(old, new, "indicators", "title")
    items = []
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        indicator, area, period = (list(key) + ["", "", ""])[:3]
        name = f"{md(titles.get((indicator,), indicator))}, {md(area)}, {md(period or 'period not given')}"
        old_value, new_value = _figure(was), _figure(now)
        if old_value == new_value and (was or {}).get("source_id") == (now or {}).get("source_id"):
            continue
        words = {w for w in (old_value, new_value, _grouped(old_value), _grouped(new_value)) if w}
        tenfold = was and now and moves_tenfold(was.get("value"), now.get("value"))
        if tenfold:
            line = f"- A figure that moves by a factor of ten or more: {name}: {md(old_value)} → {md(new_value)}"
        elif was is None:
            line = f"- {name}: {md(new_value)} (new)"
        elif now is None:
            line = f"- {name}: {md(old_value)} removed"
        elif old_value == new_value:
            line = f"- {name}: source {md(was.get('source_id'))} → {md(now.get('source_id'))}"
        else:
            line = f"- {name}: {md(old_value)} → {md(new_value)}"
        items.append(Item("Figures", (line,), bool(tenfold), frozenset(words)))
    return items


def progress_items(old: Rows, new: Rows) -> list[Item]:
    """Each new or changed report with its text in full, its commitment's title and its status before; rows still
    empty counted per period on one line."""
    before, after = old.tables.get("progress", {}), new.tables.get("progress", {})
    titles = _names(old, new, "commitments", "title")
    parts = _report_parts(new)
    items, empty = [], {}
    for key in sorted(after.keys() | before.keys(), key=lambda k: (k[1:] if len(k) > 1 else ("",), k[0])):
        was, now = before.get(key), after.get(key)
        commitment, period = (list(key) + [""])[:2]
        title = md(titles.get((commitment,), commitment))
        if now is None:
            items.append(Item("Progress reports", (f"- **{title}**, {md(period)}: report removed (it was "
                                                   f"{_status(new, was)})",), words=frozenset({title})))
            continue
        if was is None and _empty_report(now, parts, _previous_row(new, commitment, period)):
            empty.setdefault(period, []).append(commitment)
            continue
        if was == now:
            continue
        previous = _previous_status(new if was is None else old, commitment, period, was)
        status = _status(new, now)
        if was is None:
            head = f"**{title}**, {md(period)}: new report, {status} ({previous})"
        elif (was.get("status") or "") != (now.get("status") or ""):
            head = f"**{title}**, {md(period)}: status {_status(old, was)} → {status}"
        else:
            head = f"**{title}**, {md(period)}: report changed, still {status}"
        lines = [f"- {head}"]
        for column, heading in parts.items():
            old_text, new_text = (was or {}).get(column, ""), now.get(column, "")
            if old_text != new_text or (was is None and new_text):
                lines += _quoted(heading, old_text, new_text)
        for column in ("reported_on", "note", "source_id"):
            if was is not None and was.get(column, "") != now.get(column, ""):
                lines.append(f"  - {md(column.replace('_', ' '))}: {_value(was.get(column))} → {_value(now.get(column))}")
        words = {titles.get((commitment,), commitment), f"{period}", _status(new, now).capitalize()}
        words |= {_status(old, was).capitalize()} if was is not None else set()
        words |= _sentence_words(row.get(c, "") for row in (was or {}, now) for c in parts)
        items.append(Item("Progress reports", tuple(lines), words=frozenset(w for w in words if w)))
    for period, commitments in sorted(empty.items()):
        count = len(commitments)
        line = (f"- {count} commitment{'s have' if count != 1 else ' has'} no {md(period)} report yet: "
                f"{'their rows have' if count != 1 else 'its row has'} no text, and a status of not assessed or the "
                "one of the report before.")
        items.append(Item("Progress reports", (line,),
                          words=frozenset({period, *(titles.get((c,), c) for c in commitments)})))
    return items


def help_items(old: Rows, new: Rows) -> list[Item]:
    """Help contacts added, removed or changed, field by field: all are checked before approving."""
    items = []
    for key, was, now, changed in _row_changes(old, new, "help_services"):
        name = md((now or was).get("name") or key[0])
        if was is None:
            detail = "; ".join(f"{md(HELP_WORDS.get(c, c))} {md(v)}" for c, v in now.items() if v and c != "service_id")
            lines = (f"- New help contact **{name}**: {detail}",)
        elif now is None:
            lines = (f"- Help contact **{name}** removed: it no longer shows on the help page",)
        else:
            lines = tuple(f"- Help contact **{name}**, {md(HELP_WORDS.get(c, c))}: {_value(was.get(c))} → {_value(now.get(c))}"
                          for c in changed)
        values = {row.get(c) for row in (was, now) if row for c in changed if row.get(c)}
        items.append(Item("Help contacts", lines, True, frozenset({(now or was).get("name") or key[0], *values})))
    return items


def fact_items(old: Rows, new: Rows) -> list[Item]:
    """Key facts added, removed or reworded, quoted in full; a figure in one that moves tenfold comes first."""
    items = []
    for key, was, now, changed in _row_changes(old, new, "key_facts"):
        if was is None:
            lines, first = (f"- New key fact: “{md(now.get('statement'))}”",), False
        elif now is None:
            lines, first = (f"- Key fact removed: “{md(was.get('statement'))}”",), False
        else:
            lines = [f"- Key fact {md(key[0])}, {md(c.replace('_', ' '))}: {_value(was.get(c))} → {_value(now.get(c))}"
                     for c in changed if c != "statement"]
            first = False
            if "statement" in changed:
                first = any(moves_tenfold(a, b) for a, b in zip(numbers_in(was["statement"]),
                                                                numbers_in(now["statement"]), strict=False))
                note = " (a figure in it moves by a factor of ten or more)" if first else ""
                lines.insert(0, f"- Key fact reworded{note}: “{md(was.get('statement'))}” → “{md(now.get('statement'))}”")
        words = {s for s in ((was or {}).get("statement"), (now or {}).get("statement")) if s}
        items.append(Item("Key facts", tuple(lines), first, frozenset(_sentence_words(words))))
    return items


def indicator_items(old: Rows, new: Rows) -> list[Item]:
    """Indicators added, removed or changed; a changed unit comes first (it changes what every figure means)."""
    items = []
    for key, was, now, changed in _row_changes(old, new, "indicators"):
        title = (now or was).get("title") or key[0]
        if was is None or now is None:
            line = f"- Indicator **{md(title)}** {'added' if was is None else 'removed'}"
            items.append(Item("Charts and indicators", (line,), words=frozenset({title})))
            continue
        for column in changed:
            line = f"- Indicator **{md(title)}**, {md(column)}: {_value(was.get(column))} → {_value(now.get(column))}"
            words = {w for w in (was.get(column), now.get(column), title) if w and len(w) > 2}
            items.append(Item("Charts and indicators", (line,), column == "unit", frozenset(words)))
    return items


def chart_items(old: Rows, new: Rows) -> list[Item]:
    """Charts added, removed or changed (title, subtitle, notes, type...)."""
    items = []
    for key, was, now, changed in _row_changes(old, new, "charts"):
        title = (now or was).get("title") or key[0]
        if was is None or now is None:
            lines = (f"- Chart **{md(title)}** {'added' if was is None else 'removed'}",)
        else:
            lines = tuple(f"- Chart **{md(was.get('title') or key[0])}**, {md(c)}: {_value(was.get(c))} → {_value(now.get(c))}"
                          for c in changed)
        words = {w for r in (was, now) if r for w in (r.get("title"), r.get("subtitle"), r.get("notes")) if w}
        items.append(Item("Charts and indicators", lines, words=frozenset(words)))
    return items


def correction_items(old: Rows, new: Rows) -> list[Item]:
    """Corrections added, removed or reworded, each with its chart's title and what it says, in full."""
    titles = _names(old, new, "charts", "title")
    items = []
    for key, was, now, _changed in _row_changes(old, new, "corrections"):
        chart, day = (list(key) + [""])[:2]
        what = md((now or was).get("what_changed"))
        verb = "added" if was is None else "removed" if now is None else "reworded"
        line = f"- Correction {verb} on **{md(titles.get((chart,), chart))}** ({md(day)}): “{what}”"
        items.append(Item("Corrections", (line,), words=frozenset({(now or was).get("what_changed") or chart})))
    return items


def row_items(old: Rows, new: Rows, table: str) -> list[Item]:
    """Rows of any other file added, removed or changed, column by column."""
    name_column = ROW_NAMES.get(table)
    items = []
    for key, was, now, changed in _row_changes(old, new, table):
        row = now or was
        name = md(row.get(name_column) or " / ".join(key)) if name_column else md(" / ".join(key))
        where = f"`{visible(table).replace('`', '')}.csv`, **{name}**"
        if was is None:
            lines = (f"- {where}: added",)
        elif now is None:
            lines = (f"- {where}: removed",)
        else:
            lines = tuple(f"- {where}, {md(c.replace('_', ' '))}: {_value(was.get(c))} → {_value(now.get(c))}" for c in changed)
        words = {v for r in (was, now) if r for v in r.values() if len(v) > 3}
        items.append(Item("Other data", lines, words=frozenset(_sentence_words(words))))
    return items


def moves_tenfold(before, after) -> bool:
    """True when a number becomes ten or more times larger or smaller (a slipped digit or decimal point)."""
    try:
        a, b = abs(float(str(before).replace(",", ""))), abs(float(str(after).replace(",", "")))
    except ValueError:
        return False
    if a == b:
        return False
    if a == 0 or b == 0:
        return max(a, b) >= 10
    return max(a, b) / min(a, b) >= 10


def numbers_in(text: str) -> list[str]:
    """The numbers a sentence quotes, in order ('1,649', '8.4')."""
    return re.findall(r"\d[\d,]*(?:\.\d+)?", text or "")


# An @name GitHub would turn into a mention (and notify that person when the comment is posted): not an email's @.
MENTION = re.compile(r"(?<![\w@])@(?=[A-Za-z0-9])")


def md(text) -> str:
    """Text from the data on one line, with the characters Markdown or HTML would act on escaped (also GitHub's
    ~strike~, $math$ and &entities;), hidden characters (U+202E...) shown by their code, and an @name kept from
    notifying anyone (a zero-width space after the @, which the comment does not show)."""
    escaped = re.sub(r"([\\`*_\[\]<>|#!~$&])", r"\\\1", visible(" ".join(str(text or "").split())))
    return MENTION.sub("@&#8203;", escaped)


def _row_changes(old: Rows, new: Rows, table: str):
    """(key, old row, new row, changed columns) for each row added, removed or changed in `table`."""
    before, after = old.tables.get(table, {}), new.tables.get(table, {})
    columns = new.columns.get(table) or old.columns.get(table) or []
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        changed = [c for c in columns if (was or {}).get(c, "") != (now or {}).get(c, "")]
        if was is None or now is None or changed:
            yield key, was, now, changed


def _names(old: Rows, new: Rows, table: str, column: str) -> dict[tuple, str]:
    return {k: r.get(column) or k[0] for version in (old, new) for k, r in version.tables.get(table, {}).items()}


def _figure(row: dict | None) -> str:
    if row is None:
        return ""
    value = row.get("value") or "not reported"
    return f"{row['qualifier']} {value}" if row.get("qualifier") and row.get("value") else value


def _grouped(value: str) -> str:
    """A number as the pages write it, with thousands grouped (16490 → 16,490)."""
    match = re.fullmatch(r"(.*?)(-?\d+)(\.\d+)?", value)
    if not match:
        return value
    return f"{match.group(1)}{int(match.group(2)):,}{match.group(3) or ''}"


def _report_parts(rows: Rows) -> dict[str, str]:
    """The three parts of a report, by column, named as the data package titles them."""
    defaults = {"achievements": "What was achieved", "gaps_challenges": "Gaps and challenges",
                "next_actions": "Next actions"}
    return {column: rows.labels.get(("progress", f"title:{column}"), words) for column, words in defaults.items()}


def _empty_report(row: dict, parts: dict[str, str], previous: dict | None) -> bool:
    """A row with no text whose status is not assessed or carried over from the report before (as new-period
    writes them): not yet a report."""
    status = row.get("status") or ""
    carried = previous is not None and status == (previous.get("status") or "")
    return (status in NOT_ASSESSED or carried) and not any(row.get(c) for c in parts)


def _previous_row(rows: Rows, commitment: str, period: str) -> dict | None:
    """The commitment's latest report before `period`, if any."""
    reports = rows.tables.get("progress", {})
    earlier = sorted(key[1] for key in reports if len(key) > 1 and key[0] == commitment and key[1] < period)
    return reports.get((commitment, earlier[-1])) if earlier else None


def _status(rows: Rows, row: dict | None) -> str:
    code = (row or {}).get("status") or ""
    if not code:
        return "no status"
    return md(rows.labels.get(("progress", f"status={code}"), code)).lower()


def _previous_status(rows: Rows, commitment: str, period: str, was: dict | None) -> str:
    """The commitment's status before this report: its latest earlier report, or that there was none."""
    if was is not None:
        return f"before: {_status(rows, was)}"
    row = _previous_row(rows, commitment, period)
    if row is None:
        return "no earlier report"
    return f"previously {_status(rows, row)} in {md(row.get('period'))}"


def _quoted(heading: str, before: str, after: str) -> list[str]:
    """A report part's text in full, and what it said before; long text folded under <details>."""
    if not after:
        return [f"  - {md(heading)}: removed (it said: “{md(before)}”)"]
    verb = "added" if not before else "rewritten"
    if len(after) + len(before) <= LONG_TEXT:
        was = f" (before: “{md(before)}”)" if before else ""
        return [f"  - {md(heading)} ({verb}): “{md(after)}”{was}"]
    lines = ["", f"  <details><summary>{esc(' '.join(heading.split()))} ({verb}, {len(after.split())} words)</summary>", "",
             f"  > {md(after)}"]
    if before:
        lines += ["", "  Before:", "", f"  > {md(before)}"]
    return lines + ["", "  </details>", ""]


def _value(text) -> str:
    return f"“{md(text)}”" if text not in (None, "") else "(empty)"


def _sentence_words(texts) -> set[str]:
    """The sentences of some texts, each a word a page's changed sentence may hold."""
    return {s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s.strip()) > 3}
