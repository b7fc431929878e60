"""The shape of a generated organisation: team sizes, departments, divisions, reporting line.

A few integers per team and one per person describe it all; people of a team are numbered
contiguously, and a team's first person leads it.
"""

from __future__ import annotations

import random
from array import array
from itertools import accumulate

TEAM_MIN, TEAM_MAX = 4, 15


def person_id(i: int) -> str:
    """The id of the ``i``-th person (0-based)."""
    return f"p-{i + 1:06d}"


def poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: fine for the small means used here.
    limit, k, p = pow(2.718281828459045, -mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


class Shape:
    """The shape of the organisation: a few integers per team and per person."""

    def __init__(self, people: int, rng: random.Random) -> None:
        sizes: list[int] = []
        left = people
        while left > 0:
            size = min(left, round(rng.triangular(TEAM_MIN, TEAM_MAX, 8)))
            if 0 < left - size < TEAM_MIN:
                size = left if left <= TEAM_MAX else left - TEAM_MIN
            sizes.append(size)
            left -= size
        self.size = sizes
        self.start = list(accumulate([0, *sizes[:-1]]))
        teams = len(sizes)
        divisions = max(1, min(12, round(teams**0.5 / 3))) if teams >= 4 else 1
        divisions = max(divisions, 2) if teams >= 4 else divisions
        # teams -> departments of 3-8 teams -> divisions
        self.team_dept: list[int] = []
        self.dept_div: list[int] = []
        self.dept_first: list[int] = []
        per_div = [
            teams // divisions + (1 if v < teams % divisions else 0) for v in range(divisions)
        ]
        t = 0
        for v, n in enumerate(per_div):
            left = n
            while left > 0:
                k = min(left, rng.randint(3, 8))
                if 0 < left - k < 3:
                    k = left
                self.dept_first.append(t)
                self.dept_div.append(v)
                self.team_dept.extend([len(self.dept_div) - 1] * k)
                t += k
                left -= k
        self.divisions = divisions
        self.dept_end = [*self.dept_first[1:], teams]
        self.div_depts: list[list[int]] = [[] for _ in range(divisions)]
        for d, v in enumerate(self.dept_div):
            self.div_depts[v].append(d)
        self.team_of = array("i", [t for t, n in enumerate(sizes) for _ in range(n)])

    @property
    def teams(self) -> int:
        return len(self.size)

    def lead(self, team: int) -> int:
        return self.start[team]

    def manager(self, i: int) -> int | None:
        """The person ``i`` reports to: team lead, department head, division head, the CEO."""
        team = self.team_of[i]
        if i != self.lead(team):
            return self.lead(team)
        dept = self.team_dept[team]
        dept_head = self.lead(self.dept_first[dept])
        if i != dept_head:
            return dept_head
        div = self.dept_div[dept]
        div_head = self.lead(self.dept_first[self.div_depts[div][0]])
        if i != div_head:
            return div_head
        ceo = self.lead(0)
        return None if i == ceo else ceo

    def division_of(self, i: int) -> int:
        return self.dept_div[self.team_dept[self.team_of[i]]]
