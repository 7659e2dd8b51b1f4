"""Get help's urgent box and opening hours: the urgent flag drives the first box, each urgent service says when to
call it in a named source's words, and hours are data the validator reads and the page lists."""

from __future__ import annotations

import pytest
from test_validate import new_messages

from build_charts.hours import HoursError, HoursMadeADate, parse_hours, weekly_data
from build_charts.pages.help import hours_text
from conftest import page, set_cell

# datasets/help_while_you_wait.csv: what to do while waiting for an ambulance, from the NHS's page on poisoning.
WHILE_YOU_WAIT = [
    "If they are not responding and not breathing, start CPR.",
    "If they are unconscious but breathing, put them in the recovery position.",
    "Keep checking they are breathing. If they are awake, keep talking to them so they stay conscious.",
    "Look for what may have caused it, such as packets, containers or medicines.",
    "Do not try to make them sick: they could choke and stop breathing.",
    "Do not give them anything to eat or drink.",
]

# datasets/help_services.csv: row 2 is 999 (urgent), row 3 The Bridge, row 6 NHS 111 (urgent).
NINE_NINE_NINE, THE_BRIDGE, ONE_ONE_ONE = 2, 3, 6


def test_validate_refuses_an_urgent_service_without_words_on_when_to_call_it(make_package):
    datasets = make_package(lambda d: set_cell(d, "help_services.csv", ONE_ONE_ONE, "when_to_call", ""))
    assert new_messages(datasets) == [
        'Error in datasets/help_services.csv, row 6, column "when_to_call"\n'
        "  Found:    NHS 111 is marked urgent, with no words on when to call it\n"
        "  Expected: one line on when to call an urgent service, copied from a public source\n"
        "  Fix:      Copy the service's own line on when to call it (for 999 or 111, the NHS's page) into when_to_call, "
        "and that page's source_id into when_to_call_source_id. If no source says when to call it, set urgent to "
        "false: it is then listed with its group."]


def test_validate_refuses_when_to_call_words_without_their_source(make_package):
    datasets = make_package(lambda d: set_cell(d, "help_services.csv", NINE_NINE_NINE, "when_to_call_source_id", ""))
    assert [m.splitlines()[0:2] for m in new_messages(datasets)] == [[
        'Error in datasets/help_services.csv, row 2, column "when_to_call_source_id"',
        "  Found:    no source for the when_to_call words"]]


def test_validate_refuses_a_while_you_wait_step_without_its_source_or_with_one_sources_csv_lacks(make_package):
    def edit(datasets):
        set_cell(datasets, "help_while_you_wait.csv", 2, "source_id", "")
        set_cell(datasets, "help_while_you_wait.csv", 3, "source_id", "nhs-first-aid")

    assert [m.splitlines()[0:2] for m in new_messages(make_package(edit))] == [
        ['Error in datasets/help_while_you_wait.csv, row 2, column "source_id"', "  Found:    an empty cell"],
        ['Error in datasets/help_while_you_wait.csv, row 3, column "source_id"',
         '  Found:    "nhs-first-aid", which is not in sources.csv']]


@pytest.mark.parametrize(("hours", "found"), [
    ("Monday to Friday 9am to 5pm", '"Monday to Friday 9am to 5pm": "Monday to Friday" is not understood'),
    ("Mon-Fri 9-5", '"Mon-Fri 9-5": "9-5" is not understood'),
    ("Mon-Fry 09:00-17:00", '"Mon-Fry 09:00-17:00": "Mon-Fry" is not understood'),
])
def test_validate_refuses_opening_hours_it_cannot_read_and_names_the_part(make_package, hours, found):
    datasets = make_package(lambda d: set_cell(d, "help_services.csv", THE_BRIDGE, "hours", hours))
    [message] = new_messages(datasets)
    lines = message.splitlines()
    assert lines[0] == 'Error in datasets/help_services.csv, row 3, column "hours"'
    assert lines[1] == f"  Found:    {found}"
    assert lines[2].startswith('  Expected: "24 hours", or days and times such as "Mon-Fri 09:00-17:00; Sat 10:00-14:00"')


def test_opening_hours_read_as_days_and_times_and_listed_in_words():
    hours = parse_hours("Mon-Fri 09:00-17:00; Sat 10:00-14:00, 18:00-01:00")
    assert hours_text(hours) == "Monday to Friday 09:00 to 17:00; Saturday 10:00 to 14:00, 18:00 to 01:00"
    assert weekly_data(hours).split(";")[:2] == ["0 540 1020", "1 540 1020"]
    assert weekly_data(hours).split(";")[-1] == "5 1080 1500"  # past midnight: open until 01:00 on Sunday
    assert hours_text(parse_hours("24 hours")) == "24 hours a day, 7 days a week"
    with pytest.raises(HoursError):
        parse_hours("Sat-Sun")


@pytest.mark.parametrize("typed", ["09-May", "May-09", "9-may-26", "09/05/2026"])
def test_hours_a_spreadsheet_made_a_date_are_their_own_error_in_the_hours_words(typed):
    with pytest.raises(HoursMadeADate) as raised:
        parse_hours(typed)
    assert (raised.value.part, raised.value.reason) == (
        typed, 'how a spreadsheet shows a date: it read hours such as "9-5" as 9 May')


def test_every_urgent_service_is_in_the_first_box_with_when_to_call_it_and_whose_words_they_are(built_site):
    soup = page(built_site, "get-help/")
    first = soup.select("section.help-group")[0]
    cards = [(card.select_one(".urgent-card__name").get_text(), card.find("a")["href"],
              card.select_one(".urgent-card__when").get_text()) for card in first.select("li.urgent-card")]
    assert cards == [
        ("Emergency services (999)", "tel:999",
         "Please always call 999 if someone is seriously ill or injured and their life is at risk."),
        ("NHS 111", "tel:111", "You need medical help quickly but it's not a life-threatening emergency.")]
    sources = [a["href"] for a in first.select(".urgent-sources a")]
    assert sources == ["https://www.swast.nhs.uk/when-to-call-999", "https://neas.nhs.uk/your-service/111"]
    # 111 is no longer listed again among the national helplines.
    assert soup.find(id="national").find(id="nhs-111") is None


def test_the_urgent_box_lists_what_to_do_while_waiting_for_the_ambulance_with_its_source(built_site, fixture_site):
    first = page(built_site, "get-help/").select("section.help-group")[0]
    waiting = first.select_one("details.while-you-wait")
    assert waiting.find("summary").get_text(strip=True) == "While you wait for the ambulance"
    assert [li.get_text() for li in waiting.select("li")] == WHILE_YOU_WAIT
    source = waiting.select_one(".while-you-wait__sources a")
    assert (source["href"], source.get_text()) == ("https://www.nhs.uk/conditions/poisoning/", "Poisoning")
    # The numbers to tap come first: the steps are one tap below them.
    assert first.select_one("ul.urgent-cards").find_next("details") is waiting
    # A partnership that lists no steps (the file holds its header only) shows no list.
    assert page(fixture_site, "get-help/").select("details.while-you-wait") == []


def test_hours_are_listed_in_words_with_data_for_open_now_and_unknown_hours_say_so(built_site):
    soup = page(built_site, "get-help/")
    frank = soup.find(id="talk-to-frank").select_one(".service__hours")
    assert (frank.get_text(), frank["data-hours"]) == ("24 hours a day, 7 days a week", "always")
    assert soup.find(id="the-bridge").select_one(".service__hours").get_text() == "Opening hours not reported"
    assert not soup.find(id="the-bridge").select_one(".service__hours").has_attr("data-hours")
    script = soup.find("script", src="../assets/open-now.js")
    assert (script["data-open"], script["data-closed"]) == ("Open now", "Closed now")


def test_a_summary_line_keeps_its_words_apart_in_one_element(built_site):
    summary = page(built_site, "get-help/").find(id="the-bridge").select_one("details summary")
    assert [child.name for child in summary.children] == ["span"]
