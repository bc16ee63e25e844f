from django.urls import include, path

from .views import MembershipViews, OrganizationViews, RegionViews

app_name = "organizations"

urlpatterns = [
    path("organisations/", include(OrganizationViews.urls())),
    path("regions/", include(RegionViews.urls())),
    path("members/", include(MembershipViews.urls())),
]
