"""The system register's URLs: the generic pages of each model and the few special ones."""

from django.urls import include, path

from . import views

app_name = "portfolio"

urlpatterns = [
    path("systems/<int:pk>/confirm/", views.confirm_review, name="system_confirm"),
    path("systems/", include(views.SystemViews.urls())),
    path("services/adopt/", views.adopt_services, name="service_adopt"),
    path("services/", include(views.ServiceViews.urls())),
    path("service-systems/", include(views.ServiceSystemViews.urls())),
    path("sectors/", include(views.SectorViews.urls())),
    path("kostra-functions/", include(views.KostraFunctionViews.urls())),
    path("common-services/", include(views.ServiceTemplateViews.urls())),
]
