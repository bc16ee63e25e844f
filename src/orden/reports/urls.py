"""The report pages' URLs."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("me/", views.responsibilities, name="responsibilities"),
    path("reports/service-matrix/", views.matrix, name="service_matrix"),
]
