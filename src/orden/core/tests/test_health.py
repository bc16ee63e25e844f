"""`/health/`: the proxy's health check and the HTTP benchmark's bare baseline, one query and nothing else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_health_answers_ok_after_one_query_without_login_or_session(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert [query["sql"] for query in queries.captured_queries] == ["SELECT 1"]
    assert "sessionid" not in response.cookies and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_reads_only_the_safe_methods(client):
    assert client.head("/health/").status_code == 200
    assert client.head("/health/").content == b""
    assert client.post("/health/").status_code == 405  # the test client skips the CSRF check
