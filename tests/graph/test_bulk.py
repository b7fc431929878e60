"""Buffers: full batches, parents first, other buffers left to fill."""

from __future__ import annotations

from typing import LiteralString

from graph.bulk import Buffers

NODES: LiteralString = "nodes"
LABELS: LiteralString = "labels"
TIES: LiteralString = "ties"
OTHER_TIES: LiteralString = "other ties"


def test_a_full_buffer_goes_out_after_its_parents_only() -> None:
    buffers = Buffers([NODES, LABELS, TIES, OTHER_TIES], size=2, parents=[NODES])
    assert buffers.add(NODES, {"id": 1}) == []
    assert buffers.add(LABELS, {"id": 1}) == []
    assert buffers.add(OTHER_TIES, {"id": 1}) == []
    assert buffers.add(TIES, {"id": 1}) == []
    due = buffers.add(TIES, {"id": 2})
    assert due == [(NODES, [{"id": 1}]), (TIES, [{"id": 1}, {"id": 2}])]
    assert buffers.flush() == [(LABELS, [{"id": 1}]), (OTHER_TIES, [{"id": 1}])]
    assert buffers.flush() == []


def test_without_parents_every_earlier_buffer_goes_first() -> None:
    buffers = Buffers([NODES, LABELS, TIES], size=2)
    buffers.add(NODES, {"id": 1})
    buffers.add(LABELS, {"id": 1})
    buffers.add(TIES, {"id": 1})
    due = buffers.add(TIES, {"id": 2})
    assert [statement for statement, _ in due] == [NODES, LABELS, TIES]
