"""The text a reader sees on an admin page, and the English in it."""

import re
from html.parser import HTMLParser

# Text inside these elements is not shown.
_INVISIBLE = {"script", "style", "template", "noscript", "head", "title"}
# Attributes whose text the reader sees or hears.
_SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.hidden_depth = None
        self.pieces = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        hidden = (
            tag in _INVISIBLE
            or "hidden" in attributes
            or attributes.get("type") == "hidden"
            or "display:none" in (attributes.get("style") or "").replace(" ", "")
        )
        if tag not in _VOID:
            self.stack.append(tag)
            if hidden and self.hidden_depth is None:
                self.hidden_depth = len(self.stack)
        if self.hidden_depth is not None or hidden:
            return
        for name in _SHOWN_ATTRIBUTES:
            if attributes.get(name):
                self.pieces.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button", "reset"):
            self.pieces.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            popped = self.stack.pop()
            if self.hidden_depth is not None and len(self.stack) < self.hidden_depth:
                self.hidden_depth = None
            if popped == tag:
                break

    def handle_data(self, data):
        if self.hidden_depth is None and data.strip():
            self.pieces.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.pieces


LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
LATIN_DIGITS = re.compile(r"[0-9]")
