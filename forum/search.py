"""One search over cities, summits, panels, people and documents, in both languages.

Each kind is one query on its trigram index (see forum/migrations/0001_search.py),
so the page costs the same queries whatever it finds.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from common.search import matching
from members.models import City, Person, Position
from summits.models import Document, Panel, Summit

RESULTS_PER_KIND = 20
MAX_QUERY_LENGTH = 100


@dataclass
class ResultGroup:
    kind: str
    title: str
    results: list


def search_everything(text: str) -> list[ResultGroup]:
    """The public records (`Model.objects.public()`) that match `text`, grouped by kind,
    best match first."""
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return []
    positions = (
        Position.objects.public().select_related("city", "organisation").order_by("-started_on")
    )
    kinds = [
        ("cities", _("Cities"), matching(City.objects.public(), ("name_fa", "name_en"), text)),
        (
            "summits",
            _("Summits"),
            matching(
                Summit.objects.public().select_related("host_city"),
                ("title_fa", "title_en", "slogan_fa", "slogan_en"),
                text,
            ),
        ),
        (
            "panels",
            _("Thematic panels"),
            matching(
                Panel.objects.public().select_related("summit"),
                ("title_fa", "title_en"),
                text,
            ),
        ),
        (
            "people",
            _("People"),
            matching(
                Person.objects.public().prefetch_related(Prefetch("positions", queryset=positions)),
                ("name_fa", "name_en"),
                text,
            ),
        ),
        (
            "documents",
            _("Documents"),
            matching(
                Document.objects.public().select_related("summit"),
                ("title_fa", "title_en"),
                text,
            ),
        ),
    ]
    groups = [ResultGroup(kind, title, list(qs[:RESULTS_PER_KIND])) for kind, title, qs in kinds]
    return [group for group in groups if group.results]
