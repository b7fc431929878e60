"""Cursor helpers of the paged queries."""

from __future__ import annotations

import datetime as dt

from graph.paging import time_after


def test_time_cursors_come_back_as_utc_datetimes() -> None:
    assert time_after(None) is None
    utc = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    assert time_after(["2026-03-01 09:00:00", "c1"]) == [utc, "c1"]
    assert time_after(["2026-03-01T10:00:00+01:00", "c1"]) == [utc, "c1"]
