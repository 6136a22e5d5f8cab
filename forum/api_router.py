"""The partner API's one router: every resource of /api/v1/."""

from rest_framework.routers import SimpleRouter

from members.api import views as members
from summits.api import views as summits

router = SimpleRouter()
router.register("cities", members.CityViewSet, basename="city")
router.register("countries", members.CountryViewSet, basename="country")
router.register("organisations", members.OrganisationViewSet, basename="organisation")
router.register("people", members.PersonViewSet, basename="person")
router.register("positions", members.PositionViewSet, basename="position")
router.register("board-seats", members.BoardSeatViewSet, basename="board-seat")
router.register("summits", summits.SummitViewSet, basename="summit")
router.register("general-assemblies", summits.GeneralAssemblyViewSet, basename="general-assembly")
router.register("board-sessions", summits.BoardSessionViewSet, basename="board-session")
router.register("panels", summits.PanelViewSet, basename="panel")
router.register("participations", summits.ParticipationViewSet, basename="participation")
router.register("documents", summits.DocumentViewSet, basename="document")
