"""Lead agencies: the words a report uses for a commitment's lead, read as the agencies they name.

A report names a lead in its own words ("SCC Commissioning", "Police"). `agency_aliases.csv` says which agency
(`agencies.csv`) those words name, and which team of it, so the site can list each agency once. A package without
those files, or with no agencies in agencies.csv, still builds: each lead is then listed under its words as written.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from build_charts.package import DataPackage

SEPARATOR = ";"  # between two leads in commitments.csv's lead_agency column
AGENCIES = "agencies"
ALIASES = "agency_aliases"


@dataclass(frozen=True)
class Lead:
    """One agency a report's words name: the agency's id and name, the team (if the words name one) and the words."""

    agency_id: str
    name: str
    team: str | None
    words: str


def split_leads(cell: str | None) -> list[str]:
    """The leads named in a lead_agency cell, as written, in order (they are separated by ';')."""
    return [part.strip() for part in (cell or "").split(SEPARATOR) if part.strip()]


def has_agencies(package: DataPackage) -> bool:
    """Whether the package describes its agencies: agencies.csv has rows, and agency_aliases.csv is listed."""
    return AGENCIES in package.frames and ALIASES in package.frames and not package[AGENCIES].empty


def leads_by_words(package: DataPackage) -> dict[str, list[Lead]] | None:
    """For each way the reports write a lead (an alias, or an agency's id), the agencies those words name; None
    when the package does not describe its agencies."""
    if not has_agencies(package):
        return None
    agencies = {row["agency_id"]: row for row in package[AGENCIES].to_dict("records")}
    leads: dict[str, list[Lead]] = {}
    for row in package[ALIASES].to_dict("records"):
        agency = agencies.get(row["agency_id"])
        if agency is not None:  # validation reports an alias of an agency agencies.csv does not list
            lead = Lead(agency["agency_id"], agency["name"], row.get("team") or None, row["alias"])
            leads.setdefault(row["alias"], []).append(lead)
    for agency_id, agency in agencies.items():
        leads.setdefault(agency_id, [Lead(agency_id, agency["name"], None, agency_id)])
    return leads


def commitment_leads(commitment: dict, leads: dict[str, list[Lead]] | None) -> list[Lead]:
    """The agencies that lead one commitment, each once, in the order its lead_agency cell names them.

    Without agencies described (`leads` None), each lead is its own agency, named as written."""
    found: list[Lead] = []
    for words in split_leads(commitment.get("lead_agency")):
        named = leads.get(words) if leads is not None else [Lead(words, words, None, words)]
        for lead in named or []:
            if all(lead.agency_id != seen.agency_id for seen in found):
                found.append(lead)
    return found


def known_words(aliases: pd.DataFrame, agencies: pd.DataFrame) -> list[str]:
    """Every way a commitment may write its lead: the aliases, then any agency id that is not also an alias."""
    words = list(dict.fromkeys(str(a) for a in aliases["alias"] if a))
    return words + [str(i) for i in agencies["agency_id"] if i and i not in words]
