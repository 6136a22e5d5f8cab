from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("<slug:slug>/", views.city_detail, name="city"),
]
