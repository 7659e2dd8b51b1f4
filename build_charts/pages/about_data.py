"""About-the-data fragments: what each dataset holds with its download, and schema.org Dataset metadata; and the
published data package itself, every file and one zip of them all."""

from __future__ import annotations

import io
import json
import zipfile
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from build_charts import i18n
from build_charts.package import DESCRIPTOR, DataPackage, read_descriptor
from build_charts.pages.markdown import html_block, inline
from build_charts.routes import absolute_url, path_for, url_for, zip_name
from build_charts.templating import render


def about_data_snippets(package: DataPackage, site_url: str | None) -> dict[str, str]:
    """Fragments included by docs/about-the-data.md, keyed by snippet file name."""
    return {
        "datasets-list.md": datasets_list(package),
        "dataset-jsonld.md": dataset_jsonld(package, site_url),
    }


def datasets_list(package: DataPackage) -> str:
    """Every resource as a Markdown table row: its file linked for download, what it holds, how many rows; first
    the descriptor and the zip of the whole package."""
    name = zip_name(package.descriptor)
    size = kilobytes(len(published_data(package.root, package.descriptor)[f"data/{name}"]))
    headers = (i18n.sentence_md("File"), i18n.sentence_md("What it holds"), i18n.sentence_md("Rows"))
    lines = [
        "| " + " | ".join(headers) + " |",
        "|---|---|--:|",
        "| [datapackage.json](data/datapackage.json) | "
        + i18n.sentence_md("Describes every file and column: types, allowed values, links between files") + " | |",
        f"| [{inline(name)}](data/{name}) | "
        + i18n.sentence_md("The whole data package in one download (%(size)s): datapackage.json and every file "
                           "listed here", size=size) + " | |",
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
        "keywords": [i18n.sentence("drugs"), i18n.sentence("drug harm"), i18n.sentence("drug strategy"),
                     i18n.sentence("progress report"), i18n.sentence("help services")],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "application/zip",
             "name": i18n.sentence("The whole data package"),
             "contentUrl": base + zip_name(descriptor)},
            *({"@type": "DataDownload", "encodingFormat": "text/csv", "name": r.get("title", r["name"]),
               "contentUrl": base + r["path"]}
              for r in descriptor["resources"]),
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


# Every entry of the zip carries this date (the earliest a zip can hold), so an unchanged package gives the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# zlib's fastest level: at the largest size tested (32 MB of CSV) it zips in about a second, to 7.5 MB, where the
# default level takes about four seconds of every build for 5.2 MB.
ZIP_LEVEL = 1


def published_data(datasets: Path, descriptor: dict | None = None) -> dict[str, bytes]:
    """The data package as the site publishes it under data/: datapackage.json, every CSV it lists, and one zip
    holding them all at the paths the descriptor names (`descriptor`: datapackage.json, when already read)."""
    descriptor = descriptor if descriptor is not None else read_descriptor(datasets)
    relatives = (DESCRIPTOR, *(r["path"] for r in descriptor["resources"]))
    return _published(datasets, tuple((r, *_stamp(datasets / r)) for r in relatives), zip_name(descriptor))


def _stamp(path: Path) -> tuple[int, int]:
    """A file's size and change time: with its path, what tells a changed package from the one last zipped."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


@lru_cache(maxsize=1)
def _published(datasets: Path, stamps: tuple, name: str) -> dict[str, bytes]:
    """Read and zip the package once per build: the page that links the zip gives its size."""
    files = {relative: (datasets / relative).read_bytes() for relative, *_ in stamps}
    return {**{f"data/{relative}": data for relative, data in files.items()}, f"data/{name}": package_zip(files)}


def package_zip(files: dict[str, bytes]) -> bytes:
    """The files in one zip, in the order given, each with the same fixed date, so the same files give the same
    bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
        for relative, data in files.items():
            entry = zipfile.ZipInfo(relative, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, compresslevel=ZIP_LEVEL)
    return out.getvalue()


def kilobytes(size: int) -> str:
    """A file size as people read it: '48 KB', '1.2 MB'."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"
