"""What the public may see of the member registry, for the API and the public pages.

Visibility rules (the deletion triggers in `common.0002` follow the same rules):
cities, organisations and people by their own publish state; a position with
its person; a board seat with its city.
"""

from django.db.models import OuterRef, Subquery

from members.models import BoardSeat, City, Membership, Organisation, Person, Position


def public_cities():
    first_joined = Membership.objects.filter(city=OuterRef("pk")).order_by("started_on")
    return (
        City.objects.published()
        .with_membership_status()
        .annotate(
            joined_on=Subquery(first_joined.values("started_on")[:1]),
            joined_precision=Subquery(first_joined.values("started_precision")[:1]),
        )
    )


def public_organisations():
    return Organisation.objects.published()


def public_people():
    return Person.objects.published()


def public_positions():
    return Position.objects.filter(person__is_published=True)


def public_board_seats():
    return BoardSeat.objects.filter(city__is_published=True)
