from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from forum import views
from forum.sitemaps import SITEMAPS
from summits import views as summit_views

# The directory (what links each city to the forum) and a city's profile join members and
# summits, so forum serves them inside the members namespace: /<lang>/members/ is
# "members:directory", /<lang>/members/<slug>/ is "members:city".
member_patterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.city_profile, name="city"),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # The partner API is not under /fa/ or /en/: its language is a parameter.
    path("api/v1/", include("forum.api.urls")),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("healthz", views.healthz, name="healthz"),
]

handler500 = "forum.views.server_error"

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("members/", include((member_patterns, "members"))),
    path("summits/", include("summits.urls")),
    path("board/", summit_views.board, name="board"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/membership.csv", views.statistics_csv, name="statistics-csv"),
    path("search/", views.search, name="search"),
    # The second step of a staff sign-in, before the admin proper.
    path("admin/two-factor/", include("forum.two_factor.urls")),
    path("admin/", admin.site.urls),
)

# Uploaded files, served by the portal with safe headers (see forum.views.media).
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media, name="media")]

if settings.BENCHMARK:
    # The limit of this machine for `make bench`: no template, no query, same middleware.
    urlpatterns += [path("__bench__/bare/", views.bare, name="bench-bare")]
