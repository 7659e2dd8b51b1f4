"""About-the-data fragments: what each dataset holds with its download, and schema.org Dataset metadata."""

from __future__ import annotations

import json

from markupsafe import Markup

from build_charts.package import DataPackage
from build_charts.pages.markdown import html_block, inline
from build_charts.routes import absolute_url, path_for, url_for
from build_charts.templating import render


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
    base = absolute_url("data", site_url) if site_url else url_for("data", path_for("about_data"))
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
    return html_block(render("jsonld.html", json=Markup(json_for_script(data))))


# Characters that may not appear as themselves in JSON inside a <script> element: "<", ">" and "&" could end the
# element or start markup; U+2028 and U+2029 end a line in older JavaScript; these and U+0085 also split lines in
# Python, so a page builder reading the block line by line would cut a JSON string in two.
_SCRIPT_UNSAFE = {char: f"\\u{ord(char):04x}" for char in "<>&\u2028\u2029\u0085"}


def json_for_script(data) -> str:
    """`data` as JSON that can sit inside a <script> element whatever its text holds, and still parse the same."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # Outside strings JSON holds none of these characters, so each one found is inside a string, where an
    # escape reads the same.
    return text.translate(str.maketrans(_SCRIPT_UNSAFE))
