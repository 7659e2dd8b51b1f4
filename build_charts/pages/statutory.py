"""Fragments of the statutory pages (accessibility statement, privacy notice) taken from the data package:
who runs the site, how to contact the partnership, who the data controller is. Where the package does not say,
the fragment says so plainly; it never invents an address."""

from __future__ import annotations

from build_charts import i18n
from build_charts.pages.markdown import inline
from build_charts.report_route import ReportRoute, report_route


def statutory_snippets(partnership: dict, route: ReportRoute | None = None) -> dict[str, str]:
    """Fragments included by docs/accessibility.md and docs/privacy.md, keyed by snippet file name (`route`: where
    "Report a problem" leads, as the build's settings decided it; else from the partnership block alone)."""
    return {
        "site-owner.md": i18n.sentence_md("This website is run by the %(partnership)s.",
                                          partnership=inline(partnership["name"])) + "\n",
        "partnership-contact.md": contact_paragraph(partnership.get("contact_email"),
                                                    route or report_route(partnership)),
        "data-controller.md": controller_paragraph(partnership.get("data_controller"), partnership["name"]),
    }


def contact_paragraph(contact_email: str | None, route: ReportRoute | None = None) -> str:
    """How to reach the partnership: its email, else its form or the site's repository, or plainly that no address
    is published yet."""
    if not contact_email and route is not None and route.kind == "form":
        return i18n.sentence_md("Use %(form)s.", form="[" + i18n.sentence_md("the partnership's form") + "](<"
                                + route.address + ">)") + "\n"
    if not contact_email and route is not None and route.kind == "github":
        return i18n.sentence_md("The partnership has not yet published a contact address for this site. Report a "
                                "problem on %(list)s (a free GitHub account is needed).",
                                list="[" + i18n.sentence_md("the site's public list of problems") + "](<"
                                + route.address + "/issues/new>)") + "\n"
    if not contact_email:
        return i18n.sentence_md("The partnership has not yet published a contact address for this site.") + "\n"
    return i18n.sentence_md("Email %(address)s.", address="[" + inline(contact_email) + "](mailto:" + contact_email + ")") + "\n"


def controller_paragraph(controller: str | None, partnership_name: str) -> str:
    """Who the data controller is, from the data package, or plainly that it is not published yet."""
    if not controller:
        return i18n.sentence_md("The partnership has not yet published who the data controller for this site is.") + "\n"
    return i18n.sentence_md("The data controller for this site is %(controller)s, on behalf of the %(partnership)s.",
                            controller=inline(controller), partnership=inline(partnership_name)) + "\n"
