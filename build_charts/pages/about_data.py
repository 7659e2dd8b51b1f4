"""About-the-data fragments: what each dataset holds with its download, and schema.org Dataset metadata."""

from __future__ import annotations

import json

from build_charts.package import DataPackage
from build_charts.pages.markdown import html_block, inline


def about_data_snippets(package: DataPackage, site_url: str | None) -> dict[str, str]:
    """Fragments included by docs/about-the-data.md, keyed by snippet file name."""
    return {
        "datasets-list.md": datasets_list(package),
        "dataset-jsonld.md": dataset_jsonld(package, site_url),
    }


def datasets_list(package: DataPackage) -> str:
    """Every resource as a Markdown table row: its file linked for download, what it holds, how many rows."""
    lines = [
        "| File | What it holds | Rows |",
        "|---|---|--:|",
        "| [datapackage.json](data/datapackage.json) | Describes every file and column: types, allowed values, "
        "links between files | |",
    ]
    for resource in package.descriptor["resources"]:
        what = f"{resource.get('title', resource['name'])}: {resource.get('description', '')}"
        lines.append(f"| [{inline(resource['path'])}](data/{resource['path']}) | {inline(what)} "
                     f"| {len(package[resource['name']])} |")
    return "\n".join(lines) + "\n"


def dataset_jsonld(package: DataPackage, site_url: str | None) -> str:
    """schema.org Dataset JSON-LD so dataset search engines can find the data."""
    descriptor = package.descriptor
    partnership = package.partnership
    base = f"{site_url.rstrip('/')}/data/" if site_url else "../data/"
    licence = (descriptor.get("licenses") or [{}])[0]
    data = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": descriptor.get("title", descriptor.get("name")),
        "description": descriptor.get("description", ""),
        "license": licence.get("path"),
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": partnership.get("name")},
        "spatialCoverage": {"@type": "Place", "name": partnership.get("area")},
        "keywords": ["drugs", "drug harm", "drug strategy", "progress report", "help services"],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "name": r.get("title", r["name"]),
             "contentUrl": base + r["path"]}
            for r in descriptor["resources"]
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return html_block('<script type="application/ld+json">', text, "</script>")
