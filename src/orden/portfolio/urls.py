from django.urls import include, path

from .views import SystemViews

app_name = "portfolio"

urlpatterns = [
    path("systems/", include(SystemViews.urls())),
]
