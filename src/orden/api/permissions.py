from rest_framework import permissions


class PolicyPermission(permissions.IsAuthenticated):
    """Logged in is required; which rows and actions are allowed is the model policy's job, applied in
    ``OrdenViewSet.get_queryset`` (hidden means 404) and ``perform_create``."""
