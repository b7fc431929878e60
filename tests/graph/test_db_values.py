"""Driver values come back as plain Python, however deeply nested."""

from __future__ import annotations

import datetime as dt

import neo4j.time

from graph.db import Database, plain


def test_temporal_values_inside_maps_and_lists_become_native() -> None:
    when = neo4j.time.DateTime(2026, 3, 1, 9, 30, 0, tzinfo=dt.UTC)
    day = neo4j.time.Date(2026, 3, 1)
    value = {"at": when, "rows": [{"on": day, "n": 1}, [day, "x", None, 2.5, True]], "k": "v"}
    assert plain(value) == {
        "at": dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC),
        "rows": [{"on": dt.date(2026, 3, 1), "n": 1}, [dt.date(2026, 3, 1), "x", None, 2.5, True]],
        "k": "v",
    }
    assert type(plain(value)["rows"][0]["on"]) is dt.date
    assert plain("text") == "text"
    assert plain(None) is None


async def test_rows_read_from_the_database_are_plain(db: Database) -> None:
    rows = await db.read(
        "RETURN date('2026-03-01') AS day, [{at: date('2026-03-02')}] AS nested, 'x' AS s"
    )
    assert rows == [{"day": dt.date(2026, 3, 1), "nested": [{"at": dt.date(2026, 3, 2)}], "s": "x"}]
    assert type(rows[0]["day"]) is dt.date
