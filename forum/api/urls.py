from django.urls import path

from forum.api import views
from forum.api_router import router

app_name = "api"
urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    path("deletions/", views.DeletionListView.as_view(), name="deletions"),
    path("dump/", views.DumpView.as_view(), name="dump"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
