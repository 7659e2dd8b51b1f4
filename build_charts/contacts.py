"""Phone numbers, text numbers and email addresses: read, checked and written the one way, for the checks and the
help page alike.

Numbers are read with `phonenumbers` (Google's libphonenumber data) as numbers dialled in the partnership's country
(REGION), so `02380 881400`, `023 8088 1400` and `+44 (0)23 8022 4224` are one number, shown in its standard
grouping and dialled as `tel:+44…`. Short numbers (999, 111, 116 123) and text short codes (82111) are told apart:
a call short number starts with 1 or is an emergency number; a text code has five or six digits and starts 6, 7 or 8.
Email addresses are checked with `email-validator`, offline (no look-up of the domain).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import PhoneNumberFormat, PhoneNumberType, shortnumberinfo

REGION = "GB"
MAILTO = re.compile(r"^\s*mailto:", re.IGNORECASE)
TEXT_CODE = re.compile(r"[678]\d{4,5}")  # five- and six-digit text short codes
SCIENTIFIC = re.compile(r"[\d.]+[eE]\+?\d+")
WRITTEN = re.compile(r"\+?[\d\s().\-]+")

EMERGENCY, CALL_SHORT, TEXT_SHORT, MOBILE, FIXED, OTHER, INVALID = (
    "emergency", "call-short", "text-short", "mobile", "fixed", "other", "invalid")


@dataclass(frozen=True)
class Number:
    """A phone or text number as read: its kind, how it is shown, and the digits a phone dials."""

    kind: str  # one of EMERGENCY, CALL_SHORT, TEXT_SHORT, MOBILE, FIXED, OTHER, INVALID
    shown: str  # the standard grouping: 023 8088 1400, 0300 123 6600, 999, 116 123
    dialled: str  # what follows tel: or sms: (+442380881400, 999, 82111)

    @property
    def exists(self) -> bool:
        """True when the number can be dialled (it is a real number of some kind)."""
        return self.kind != INVALID


def read_number(value: str) -> Number:
    """The number in a cell, read as dialled in REGION; kind INVALID when no such number can exist."""
    value = " ".join(value.split())
    digits = re.sub(r"[^\d+]", "", value)
    if not WRITTEN.fullmatch(value) or not digits:
        return Number(INVALID, value, digits)
    if shortnumberinfo.is_emergency_number(digits, REGION):
        return Number(EMERGENCY, digits, digits)
    try:
        parsed = phonenumbers.parse(value, REGION)
    except phonenumbers.NumberParseException:
        return Number(INVALID, value, digits)
    if not digits.startswith(("0", "+")) and shortnumberinfo.is_valid_short_number_for_region(parsed, REGION):
        kind = TEXT_SHORT if TEXT_CODE.fullmatch(digits) else CALL_SHORT if digits.startswith("1") else OTHER
        return Number(kind, _short_grouping(digits), digits)
    if not digits.startswith(("0", "+")) or not phonenumbers.is_valid_number(parsed):
        return Number(INVALID, value, digits)
    home = parsed.country_code == phonenumbers.country_code_for_region(REGION)  # Jersey's 07781 too
    shown = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL if home else PhoneNumberFormat.INTERNATIONAL)
    kind = {PhoneNumberType.MOBILE: MOBILE, PhoneNumberType.FIXED_LINE: FIXED}.get(phonenumbers.number_type(parsed),
                                                                                  OTHER)
    return Number(kind, shown, phonenumbers.format_number(parsed, PhoneNumberFormat.E164))


def _short_grouping(digits: str) -> str:
    """A short number as it is written: 116 123 and 118 118 in two groups of three, the rest in one."""
    return f"{digits[:3]} {digits[3:]}" if len(digits) == 6 and digits.startswith("11") else digits


def shown_number(value: str) -> str:
    """A number in its standard grouping (023 8088 1400); a number that cannot be read is shown as written."""
    return read_number(value).shown


def call_href(value: str) -> str:
    """The tap-to-call link target: tel:+442380881400, or tel:999 for a short number."""
    return "tel:" + read_number(value).dialled


def text_href(value: str) -> str:
    """The tap-to-text link target: sms:82111, or sms:+447… for a mobile number."""
    return "sms:" + read_number(value).dialled


def lost_leading_zero(value: str) -> bool:
    """True when a number looks like a UK number whose leading 0 a spreadsheet dropped (2380881400)."""
    digits = re.sub(r"[\s()\-]", "", value)
    return (digits.isdigit() and len(digits) in (9, 10) and not digits.startswith("0")
            and read_number("0" + digits).kind in (FIXED, MOBILE, OTHER))


def in_scientific_notation(value: str) -> bool:
    """True when a spreadsheet has written a long number as 2.38E+09, losing its last digits."""
    return bool(SCIENTIFIC.fullmatch(value.strip()))


def email_address(value: str) -> str:
    """The address in an email cell, without a `mailto:` a person may have typed before it."""
    return MAILTO.sub("", value).strip()


def has_mailto(value: str) -> bool:
    """True when an email cell starts with `mailto:` (the site adds it to the link itself)."""
    return bool(MAILTO.match(value))


# What may come before the @ of an address the site links to: nothing a mailto: link or Markdown reads as syntax
# (a ? or & in `help?bcc=x%40y@…` would copy someone else in on every email).
LOCAL_PART = re.compile(r"[A-Za-z0-9._+'-]{1,64}")


def email_problem(value: str) -> str | None:
    """Why an email address cannot be right, in plain words; None when it is one well-formed address and nothing
    else."""
    address = email_address(value)
    if address.count("@") > 1:
        return "more than one address, or text besides the address"
    if "@" in address and not LOCAL_PART.fullmatch(address.split("@", 1)[0]):
        return "characters before the @ that an address the site links to may not hold (such as ? & % ( ) [ ])"
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc).rstrip(".")
    return None
