from django.urls import path

from summits import views

app_name = "summits"
urlpatterns = [
    path("<slug:slug>/", views.summit_detail, name="summit"),
]
