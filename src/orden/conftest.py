from orden.organizations.testing import world  # noqa: F401  (shared fixture)
