"""Which columns hold free text: the ones the text and language checks read."""

from __future__ import annotations

from build_charts.package import Table

# Checked by links.py and contacts.py, whose rules for these columns are stricter than the text rules.
CONTACT_COLUMNS = {"url", "email", "contact_email", "phone", "text_number"}


def free_text_columns(table: Table) -> list[str]:
    """Text columns without a fixed list or pattern (frictionless checks those), other than contact details."""
    columns = []
    for spec in table.schema.get("fields", []):
        constraints = spec.get("constraints", {})
        if spec.get("type", "string") != "string" or "enum" in constraints or "pattern" in constraints:
            continue
        if spec["name"] not in CONTACT_COLUMNS and spec["name"] in table.frame.columns:
            columns.append(spec["name"])
    return columns
