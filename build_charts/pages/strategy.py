"""Strategy pages: each strategy's vision, text, themes, measures of success and governance."""

from __future__ import annotations

from build_charts import i18n
from build_charts.package import DataPackage
from build_charts.pages.markdown import front_matter, html_block, inline, long_date, not_reported, text_html
from build_charts.pages.sources import cite, source_lookup
from build_charts.pages.theme_pages import strategies_in_order
from build_charts.routes import page_file, path_for, url_for
from build_charts.templating import render


def strategy_pages(package: DataPackage) -> dict[str, str]:
    """The strategies index and one page per strategy."""
    pages = {page_file("strategies"): strategies_index(package)}
    for strategy in package["strategies"].to_dict("records"):
        pages[page_file("strategy", strategy_id=strategy["strategy_id"])] = strategy_page(package, strategy)
    return pages


def strategies_index(package: DataPackage) -> str:
    """Every strategy the partnership reports on, current first."""
    out = [
        front_matter(i18n.sentence("Strategy"),
                     i18n.sentence("The strategies and plans the partnership works to, and who oversees them.")),
        "# " + i18n.sentence_md("Strategy") + "\n",
    ]
    for strategy in strategies_in_order(package):
        link = url_for("strategy", path_for("strategies"), source=True, strategy_id=strategy["strategy_id"])
        about = i18n.sentence_md("%(start)s to %(end)s, owned by %(owner)s", start=inline(strategy["period_start"]),
                                 end=inline(strategy["period_end"]), owner=inline(strategy["owner"]))
        out.append(f"- [{inline(strategy['title'])}]({link}) — {about}")
    return "\n".join(out) + "\n"


def strategy_page(package: DataPackage, strategy: dict) -> str:
    """One strategy: vision, sections, themes with links to progress, measures and governance."""
    sources = source_lookup(package["sources"])
    sid = strategy["strategy_id"]
    out = [
        front_matter(strategy["title"], i18n.sentence("%(title)s: vision, themes, measures of success and governance.",
                                                      title=strategy["title"]),
                     sources=["strategies.csv", "strategy_sections.csv", "themes.csv", "measures.csv", "governance.csv"]),
        f"# {inline(strategy['title'])}\n",
        html_block(
            render("strategy/owner.html", owner=strategy["owner"], start=strategy["period_start"], end=strategy["period_end"]),
            cite(sources[strategy["source_id"]]),
        ),
    ]
    if strategy.get("vision"):
        out += ["## " + i18n.sentence_md("Vision") + "\n", html_block(render("strategy/vision.html", vision=strategy["vision"]))]
    sections = package["strategy_sections"]
    for section in sections[sections["strategy_id"] == sid].sort_values("order").to_dict("records"):
        out += [f"## {inline(section['heading'])}\n", html_block(text_html(section["body"]))]
        if section["source_id"] != strategy["source_id"]:
            out.append(html_block(cite(sources[section["source_id"]])))
    out.append(themes_section(package, sid))
    out.append(governance_section(package, sid, sources))
    return "\n".join(out)


def themes_section(package: DataPackage, strategy_id: str) -> str:
    """The strategy's themes, each linking to its progress page, with its measures of success."""
    themes = package["themes"]
    measures = package["measures"]
    out = ["## " + i18n.sentence_md("Themes") + "\n"]
    for theme in themes[themes["strategy_id"] == strategy_id].sort_values("number").to_dict("records"):
        out.append("### " + i18n.sentence_md("Theme %(number)s: %(title)s", number=theme["number"],
                                             title=inline(theme["title"])) + "\n")
        link = url_for("theme", path_for("strategy", strategy_id=strategy_id), source=True, theme_id=theme["theme_id"])
        out.append(f"[{i18n.sentence_md('Read the progress on this theme')}]({link})\n")
        own = measures[measures["theme_id"] == theme["theme_id"]]
        if not own.empty:
            listed = [{"title": m["title"], "published": bool(m.get("indicator_id"))} for m in own.to_dict("records")]
            out.append(html_block(render("strategy/measures.html", measures=listed)))
    return "\n".join(out)


def governance_section(package: DataPackage, strategy_id: str, sources: dict) -> str:
    """The boards and groups overseeing the strategy: who leads, how often they meet, what they oversee."""
    bodies = package["governance"]
    bodies = bodies[bodies["strategy_id"] == strategy_id]
    if bodies.empty:
        return ""
    out = ["## " + i18n.sentence_md("Who oversees this strategy") + "\n"]
    for body in bodies.to_dict("records"):
        out.append(f"### {inline(body['name'])}\n")
        facts = render("strategy/governance.html", lead=body.get("lead"), meets=body.get("meets"),
                       first_met=long_date(body["first_met"]) if body.get("first_met") else None,
                       not_reported=not_reported())
        out.append(html_block(facts, text_html(body["remit"]), cite(sources[body["source_id"]])))
    return "\n".join(out)
