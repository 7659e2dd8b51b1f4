"""Content Security Policies are the same whether one process or several write them (large sites use several)."""

from __future__ import annotations

import shutil

from build_charts import csp

PAGE = ('<!doctype html><html><head><meta charset="utf-8"></head><body><p style="color: red">{n}</p>'
        "<script>var n = {n};</script></body></html>")


def _site(folder, pages: int):
    for n in range(pages):
        (folder / f"p{n}").mkdir(parents=True)
        (folder / f"p{n}" / "index.html").write_text(PAGE.format(n=n), encoding="utf-8")
    return folder


def test_worker_processes_write_the_same_policies_as_one_process(tmp_path, monkeypatch):
    alone = _site(tmp_path / "alone", 3)
    shared = tmp_path / "shared"
    shutil.copytree(alone, shared)
    site_wide = csp.add_content_security_policy(alone)
    monkeypatch.setattr(csp, "PAGES_PER_WORKER_START", 1)
    assert csp.add_content_security_policy(shared) == site_wide
    for n in range(3):
        page = f"p{n}/index.html"
        assert (shared / page).read_text(encoding="utf-8") == (alone / page).read_text(encoding="utf-8")
    assert site_wide.count("'sha256-") == 3 + 1  # each page's own script; the style attribute they share
