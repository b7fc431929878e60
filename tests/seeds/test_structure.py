"""The organisation's shape: team sizes, departments, divisions and one reporting line."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from seeds.structure import TEAM_MAX, TEAM_MIN, Shape, person_id, poisson


@settings(max_examples=60, deadline=None)
@given(people=st.integers(min_value=1, max_value=3000), seed=st.integers(0, 2**32))
def test_every_person_in_one_team_under_one_chief(people: int, seed: int) -> None:
    shape = Shape(people, random.Random(seed))
    assert sum(shape.size) == people
    assert len(shape.team_of) == people
    if people >= TEAM_MIN:
        assert all(TEAM_MIN <= n <= TEAM_MAX for n in shape.size)
    assert shape.dept_end[-1] == shape.teams
    assert sorted(set(shape.team_dept)) == list(range(len(shape.dept_div)))
    tops = [i for i in range(people) if shape.manager(i) is None]
    assert tops == [0]
    for i in range(people):  # every chain ends at the chief within four steps
        chain, node = 0, shape.manager(i)
        while node is not None:
            chain += 1
            node = shape.manager(node)
        assert chain <= 4
    if shape.teams >= 4:
        assert shape.divisions >= 2


def test_departments_hold_three_to_eight_teams() -> None:
    shape = Shape(10_000, random.Random(1))
    per_dept = [end - first for first, end in zip(shape.dept_first, shape.dept_end, strict=True)]
    assert min(per_dept) >= 3
    assert max(per_dept) <= 10
    assert shape.divisions == 11


def test_ids_and_poisson() -> None:
    assert person_id(0) == "p-000001"
    assert person_id(99_999) == "p-100000"
    rng = random.Random(5)
    draws = [poisson(rng, 1.2) for _ in range(4000)]
    assert 1.1 < sum(draws) / len(draws) < 1.3
