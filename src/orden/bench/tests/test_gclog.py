"""The garbage-collection recorder that bench_http installs in gunicorn's workers."""

import gc

import pytest

from orden.bench import gclog


@pytest.fixture
def recorder(tmp_path):
    enabled = gc.isenabled()
    gc.disable()  # only the collections the test asks for
    gclog.install(tmp_path)
    yield tmp_path
    gclog.uninstall()
    if enabled:
        gc.enable()


def test_collections_are_recorded_with_whether_a_request_was_running(recorder):
    gclog.request_started()
    gc.collect(2)
    gclog.request_finished()
    gc.collect(1)
    assert gclog.read(recorder) == []  # nothing is written until flush(), i.e. after the response
    gclog.flush()

    collections = gclog.read(recorder)
    full = [c for c in collections if c["generation"] == 2]
    young = [c for c in collections if c["generation"] == 1]
    assert len(full) == 1 and full[0]["in_request"] is True
    assert len(young) == 1 and young[0]["in_request"] is False
    assert all(c["ms"] >= 0 and c["cpu_ms"] >= 0 for c in collections)

    summary = gclog.summarize(collections, full[0]["at"], young[0]["at"])
    assert summary["gen2"]["count"] == 1 and summary["gen2"]["in_requests"] == 1
    assert summary["gen1"]["count"] == 1 and summary["gen1"]["in_requests"] == 0
    assert summary["gen0"]["count"] == 0
    # Outside the window nothing is counted.
    assert gclog.summarize(collections, 0, full[0]["at"] - 1)["gen2"]["count"] == 0
