"""What bench and bench_http share: the refusal to drop a database that is not theirs comes before any
connection (no server needed), and the docs block is written only where asked."""

import io

import pytest
from django.core.management.base import CommandError

from orden.bench import common


@pytest.mark.parametrize("name", ["orden", "orden_loadfault", "test_orden_bench"])
def test_a_fresh_run_refuses_to_drop_a_database_not_its_own(name):
    with pytest.raises(CommandError, match="--force-drop"):
        common.prepare_postgresql(fresh=True, database=name)


def test_a_name_that_is_not_plain_is_refused():
    with pytest.raises(CommandError, match="plain"):
        common.prepare_postgresql(fresh=False, database='orden"; DROP DATABASE orden; --')


def test_the_docs_block_is_written_where_asked_and_not_with_no_docs(tmp_path):
    start, end = "<!-- x:start -->", "<!-- x:end -->"
    docs = tmp_path / "perf.md"
    docs.write_text(f"# P\n\n{start}\nold\n{end}\n\nafter\n")
    out = io.StringIO()
    options = {"docs": str(docs), "size": "demo", "no_docs": False}

    assert common.update_docs(out, options, tmp_path, f"{start}\nnew\n{end}", start, end, "block") == docs
    assert docs.read_text() == f"# P\n\n{start}\nnew\n{end}\n\nafter\n"
    assert f"Docs:    {docs} (block)" in out.getvalue()
    assert common.update_docs(out, {**options, "no_docs": True}, tmp_path, "other", start, end, "block") is None
    assert common.update_docs(out, {**options, "docs": None}, tmp_path, "other", start, end, "block") is None
    assert "new" in docs.read_text()
