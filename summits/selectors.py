"""What the public may see of summits and what is held at them.

Visibility rules (the deletion triggers in `common.0002` follow the same rules):
summits, board sessions and documents by their own publish state; an assembly
or a panel with its summit; a participation with its meeting and its party; a
document also needs every meeting it is attached to to be public; a talk needs
its speaker to be public.
"""

from django.db.models import Q

from summits.models import (
    BoardSession,
    Document,
    GeneralAssembly,
    Panel,
    Participation,
    Summit,
    Talk,
)


def public_summits():
    return Summit.objects.published()


def public_general_assemblies():
    return GeneralAssembly.objects.filter(summit__is_published=True)


def public_board_sessions():
    return BoardSession.objects.published()


def public_panels():
    return Panel.objects.filter(summit__is_published=True)


def public_talks():
    return Talk.objects.filter(speaker__is_published=True)


def public_participations():
    return Participation.objects.filter(
        Q(summit__is_published=True) | Q(board_session__is_published=True),
        Q(city__is_published=True) | Q(organisation__is_published=True),
    )


def public_documents():
    return Document.objects.published().filter(
        Q(summit__isnull=True) | Q(summit__is_published=True),
        Q(board_session__isnull=True) | Q(board_session__is_published=True),
        Q(panel__isnull=True) | Q(panel__summit__is_published=True),
    )
