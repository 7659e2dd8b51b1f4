"""Fragments of the statutory pages (accessibility statement, privacy notice) taken from the data package:
who runs the site, how to contact the partnership, who the data controller is. Where the package does not say,
the fragment says so plainly; it never invents an address."""

from __future__ import annotations

from build_charts.pages.markdown import inline

NO_CONTACT = "The partnership has not yet published a contact address for this site."
NO_CONTROLLER = "The partnership has not yet published who the data controller for this site is."


def statutory_snippets(partnership: dict) -> dict[str, str]:
    """Fragments included by docs/accessibility.md and docs/privacy.md, keyed by snippet file name."""
    return {
        "site-owner.md": f"This website is run by the {inline(partnership['name'])}.\n",
        "partnership-contact.md": contact_paragraph(partnership.get("contact_email")),
        "data-controller.md": controller_paragraph(partnership.get("data_controller"), partnership["name"]),
    }


def contact_paragraph(contact_email: str | None) -> str:
    """How to reach the partnership, or plainly that no address is published yet."""
    if not contact_email:
        return NO_CONTACT + "\n"
    return f"Email [{inline(contact_email)}](mailto:{contact_email}).\n"


def controller_paragraph(controller: str | None, partnership_name: str) -> str:
    """Who the data controller is, from the data package, or plainly that it is not published yet."""
    if not controller:
        return NO_CONTROLLER + "\n"
    return (f"The data controller for this site is {inline(controller)}, on behalf of the "
            f"{inline(partnership_name)}.\n")
