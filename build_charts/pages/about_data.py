"""About-the-data fragments: what each dataset holds with its download, and schema.org Dataset metadata."""

from __future__ import annotations

import json

from build_charts.package import DataPackage
from build_charts.pages.markdown import esc, html_block, table


def about_data_snippets(package: DataPackage, site_url: str | None) -> dict[str, str]:
    """Fragments included by docs/about-the-data.md, keyed by snippet file name."""
    return {
        "datasets-list.md": datasets_list(package),
        "dataset-jsonld.md": dataset_jsonld(package, site_url),
    }


def datasets_list(package: DataPackage) -> str:
    """Every resource: its file (linked for download), what one row is, and how many rows it has."""
    rows = [["datapackage.json", "Describes every file and column: types, allowed values, links between files", ""]]
    for resource in package.descriptor["resources"]:
        rows.append([resource["path"], f"{resource.get('title', resource['name'])}: {resource.get('description', '')}",
                     str(len(package[resource["name"]]))])
    markup = table(["File", "What it holds", "Rows"], rows, caption="The files in the data package", numeric={2})
    # Turn each file name (the row header) into its download link.
    for name in [r[0] for r in rows]:
        markup = markup.replace(f'<th scope="row">{esc(name)}</th>',
                                f'<th scope="row"><a href="../data/{esc(name)}" download>{esc(name)}</a></th>', 1)
    return markup


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
