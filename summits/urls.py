from django.urls import path

from summits import views

app_name = "summits"
urlpatterns = [
    path("", views.summit_list, name="list"),
    # Slugs hold no dot, so these never clash with a summit's address.
    path("calendar.ics", views.calendar_feed, name="calendar"),
    path("<slug:slug>/", views.summit_detail, name="summit"),
    path("<slug:slug>/calendar.ics", views.summit_ics, name="summit_ics"),
]
