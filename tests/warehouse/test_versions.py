"""The data tokens pages are kept under (warehouse/queries/versions.py): read once per plan, a digest per page."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.data_tokens import record_indicators, record_plan
from warehouse.queries.versions import read_tokens, tokens_digest
from warehouse.schema import apply_schema


@pytest.fixture
def connection():
    connection = duckdb.connect(":memory:")
    apply_schema(connection)
    yield connection
    connection.close()


def test_a_page_s_digest_moves_with_its_own_indicators_and_its_plan_alone(connection):
    record_plan(connection, "plan", "p1")
    record_indicators(connection, "plan", ["a", "b"], "t1")
    record_indicators(connection, "other", ["a"], "o1")
    before = read_tokens(connection, plan="plan")
    assert before is not None and dict(before.indicators) == {"a": "t1", "b": "t1"}

    record_indicators(connection, "plan", ["b"], "t2")  # a load of b
    after_b = read_tokens(connection, plan="plan")
    assert tokens_digest(after_b, ["a"]) == tokens_digest(before, ["a"])
    assert tokens_digest(after_b, ["b"]) != tokens_digest(before, ["b"])
    assert tokens_digest(after_b, None) != tokens_digest(before, None)  # a page of the whole plan reads b too

    record_indicators(connection, "other", ["a"], "o2")  # another plan's load
    assert tokens_digest(read_tokens(connection, plan="plan"), ["a", "b"]) == tokens_digest(after_b, ["a", "b"])

    record_plan(connection, "plan", "p2")  # the whole plan
    assert tokens_digest(read_tokens(connection, plan="plan"), ["a"]) != tokens_digest(after_b, ["a"])


def test_the_order_and_repeats_of_a_page_s_indicators_do_not_matter_nor_those_without_a_token(connection):
    record_plan(connection, "plan", "p1")
    record_indicators(connection, "plan", ["a", "b"], "t1")
    tokens = read_tokens(connection, plan="plan")
    assert tokens_digest(tokens, ["b", "a", "b"]) == tokens_digest(tokens, ["a", "b"])
    assert tokens_digest(tokens, ["a", "never-loaded"]) == tokens_digest(tokens, ["a"])
    assert tokens_digest(tokens, ["a"]) != tokens_digest(tokens, ["b"])


def test_a_plan_without_a_token_or_a_snapshot_without_the_tables_has_none(connection):
    record_indicators(connection, "plan", ["a"], "t1")
    assert read_tokens(connection, plan="plan") is None  # no plan token yet: pages keyed by the file
    connection.execute("drop table plan_tokens")
    connection.execute("drop table indicator_tokens")
    assert read_tokens(connection, plan="plan") is None
