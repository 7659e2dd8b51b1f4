"""The chart-only page that other sites embed: described for search engines and link previews, with its own
icon so a browser asks for nothing the site does not have."""

from __future__ import annotations

from urllib.parse import urljoin

EMBED = "charts/drug-offences-rate/embed/"


def test_the_embed_page_has_a_description_and_an_icon_that_exist(site, new_page):
    page = new_page(viewport={"width": 600, "height": 800})
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(site.url(EMBED))
    page.wait_for_load_state("networkidle")
    description = page.locator('meta[name="description"]').get_attribute("content")
    assert description == page.locator("figure.chart figcaption").inner_text()
    icon = urljoin(site.url(EMBED), page.locator('link[rel="icon"]').get_attribute("href"))
    assert page.request.get(icon).status == 200
    assert failed == []


def test_every_embed_page_loads_without_a_failed_request_or_a_console_error(site, built_site, new_page):
    embeds = sorted(p.parent.relative_to(built_site).as_posix() + "/"
                    for p in built_site.glob("charts/*/embed/index.html"))
    assert len(embeds) > 5
    page = new_page(viewport={"width": 360, "height": 640})
    problems = []
    page.on("response", lambda response: problems.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.on("requestfailed", lambda request: problems.append(f"failed {request.url}"))
    page.on("console", lambda message: problems.append(f"console {message.text}")
            if message.type in ("error", "warning") else None)
    for embed in embeds:
        page.goto(site.url(embed))
        page.wait_for_load_state("networkidle")
    assert problems == []
