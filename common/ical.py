"""iCalendar (RFC 5545) text for all-day events: escaping, line folding, CRLF."""

import datetime
import re
from dataclasses import dataclass


@dataclass
class CalendarEvent:
    uid: str
    summary: str
    first_day: datetime.date
    last_day: datetime.date
    url: str
    description: str = ""
    location: str = ""
    stamp: datetime.datetime | None = None
    language: str = ""


# Control characters other than line breaks have no place in a TEXT value (RFC 5545 3.3.11).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
# CRLF, LF, a lone CR, and the Unicode line breaks some readers also split on.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def escape(text: str) -> str:
    """A TEXT value: backslash, `;` and `,` escaped and every line break written `\\n`,
    so no text can end its content line and start a property of its own."""
    text = _CONTROLS.sub("", str(text))
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _LINE_BREAKS.sub("\\\\n", text)


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces without cutting a UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    pieces, current, limit = [], b"", 75
    for char in line:
        octets = char.encode()
        if len(current) + len(octets) > limit:
            pieces.append(current.decode())
            current, limit = b"", 74  # continuation lines start with a space
        current += octets
    pieces.append(current.decode())
    return "\r\n ".join(pieces)


def _stamp(moment: datetime.datetime | None) -> str:
    moment = moment or datetime.datetime.now(datetime.UTC)
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(events: list[CalendarEvent], *, name: str, language: str = "") -> str:
    lang = f";LANGUAGE={language}" if language else ""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Asian Mayors Forum//Summits//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{_stamp(event.stamp)}",
            f"DTSTART;VALUE=DATE:{event.first_day:%Y%m%d}",
            # DTEND is exclusive: the day after the last day.
            f"DTEND;VALUE=DATE:{event.last_day + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY{lang}:{escape(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION{lang}:{escape(event.description)}")
        if event.location:
            lines.append(f"LOCATION{lang}:{escape(event.location)}")
        lines += [f"URL:{event.url}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
