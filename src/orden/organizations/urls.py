"""The URLs of organisations, regions, members, units and contacts."""

from django.urls import include, path

from .views import (
    ContactViews,
    MembershipViews,
    OrganizationViews,
    RegionViews,
    UnitViews,
    contact_options,
    member_options,
)

app_name = "organizations"

urlpatterns = [
    path("organisations/", include(OrganizationViews.urls())),
    path("regions/", include(RegionViews.urls())),
    path("members/", include(MembershipViews.urls())),
    path("units/", include(UnitViews.urls())),
    path("contacts/", include(ContactViews.urls())),
    path("people/options/", member_options, name="member_options"),
    path("contacts/options/", contact_options, name="contact_options"),
]
