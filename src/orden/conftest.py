from orden.core.testing.fixtures import world  # noqa: F401  (shared fixture)
