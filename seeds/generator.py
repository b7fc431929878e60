"""A realistic organisation, generated deterministically from a seed, with planted ground truth.

Divisions, departments and teams of 4-15 people with a reporting line; skills from the real
ESCO taxonomy (digital and transversal collections) with teams specialising in related
skills; content teaching skills, curated or user-generated; a year of learning; follows with
preferential attachment; weighted collaboration ties, dense inside teams and rarer further
away. On top of that, structure an analysis should find, recorded in the :class:`Manifest`:
isolated teams, informal brokers, rare skills, goals clearly met and clearly unmet.

Rows are produced team by team and written in ``UNWIND`` batches while the next ones are
built (:func:`graph.bulk.write_stream`), so memory holds a few small arrays per person,
never the organisation's rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from bisect import bisect
from collections.abc import Iterator
from itertools import accumulate
from typing import LiteralString

from tqdm import tqdm

from graph import bulk, fresh, imports
from graph.db import Database, Row
from seeds import esco, names
from seeds.manifest import Manifest
from seeds.structure import Shape, person_id, poisson

PERIOD_END = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
PERIOD_START = PERIOD_END - dt.timedelta(days=365)
TARGET_HOURS = 40.0
SEED_BATCH = bulk.BATCH  # rows per transaction
LEARNING_HOURS_GOAL = "goal-learning-hours"
ROOT_TEAM = "org"

IN_TEAM_TIE = 0.6
CROSS_TIES = (1.2, 0.4, 0.12)  # mean ties per person: same department, same division, beyond
REACH_EXP = 1.0
NON_LEARNERS = 0.1
RARE_SKILLS = 6
KINDS = ("course", "article", "video", "podcast", "book")
KIND_WEIGHTS = (25, 30, 25, 12, 8)
KIND_MINUTES = {
    "course": (60, 480),
    "article": (5, 20),
    "video": (5, 45),
    "podcast": (20, 90),
    "book": (180, 600),
}
TITLES = {
    "course": "{} in practice",
    "article": "Notes on {}",
    "video": "{} explained",
    "podcast": "Talking about {}",
    "book": "The {} handbook",
}
FAMILIES = ("Engineer", "Analyst", "Designer", "Consultant", "Specialist")
SENIORITY = ("Junior ", "", "Senior ", "Principal ")

ORDER: tuple[LiteralString, ...] = (
    imports.ESCO_SKILLS,
    imports.ESCO_BROADER,
    imports.ESCO_RELATED,
    bulk.TEAMS,
    bulk.TEAM_PARENTS,
    bulk.PEOPLE,
    bulk.CURATORS,
    bulk.MEMBERSHIPS,
    bulk.REPORTS,
    bulk.PERSON_SKILLS,
    bulk.GOALS,
    bulk.REQUIREMENTS,
    bulk.COMMITMENTS,
    bulk.CONTENT,
    bulk.TEACHES,
    bulk.CREATED,
    bulk.CURATIONS,
    bulk.COLLABORATIONS,
    bulk.FOLLOWS,
    bulk.COMPLETIONS,
)
# What a batch of ties waits for (see bulk.Buffers): the statements that create nodes, and
# the curator label, which ArcadeDB sets at a cost that grows with the person's ties
# (about 30 ms a person once their ties are written, next to nothing before).
_NODES = (imports.ESCO_SKILLS, bulk.TEAMS, bulk.PEOPLE, bulk.CURATORS, bulk.GOALS, bulk.CONTENT)
_KIND = {
    imports.ESCO_SKILLS: "Skill",
    imports.ESCO_BROADER: "BROADER",
    imports.ESCO_RELATED: "RELATED_TO",
    bulk.TEAMS: "Team",
    bulk.TEAM_PARENTS: "PART_OF",
    bulk.PEOPLE: "Person",
    bulk.CURATORS: "Curator",
    bulk.MEMBERSHIPS: "MEMBER_OF",
    bulk.REPORTS: "REPORTS_TO",
    bulk.PERSON_SKILLS: "HAS_SKILL",
    bulk.GOALS: "Goal",
    bulk.REQUIREMENTS: "REQUIRES",
    bulk.COMMITMENTS: "COMMITTED_TO",
    bulk.CONTENT: "Content",
    bulk.TEACHES: "TEACHES",
    bulk.CREATED: "CREATED",
    bulk.CURATIONS: "CURATES",
    bulk.COLLABORATIONS: "COLLABORATES_WITH",
    bulk.FOLLOWS: "FOLLOWS",
    bulk.COMPLETIONS: "COMPLETED",
}


_YEAR_SECONDS = 365 * 86400
_PERIOD_START_S = int(PERIOD_START.timestamp())
_KIND_CUMULATIVE = list(accumulate(KIND_WEIGHTS))
RATINGS = (1, 2, 3, 4, 5)
_RATING_CUMULATIVE = list(accumulate((1, 2, 5, 8, 6)))


@functools.cache
def _shipped_taxonomy() -> esco.Taxonomy:
    """The shipped ESCO files, read once per process (the generator only reads them)."""
    return esco.read(esco.DATA)


class _Generator:
    def __init__(
        self, people: int, seed: int, curator_share: float, tie_density: float = 1.0
    ) -> None:
        self.rng = random.Random(seed)
        self.people = people
        self.curator_share = curator_share
        self.tie_density = tie_density
        self.manifest = Manifest(seed=seed, people=people)
        self.counts: dict[str, int] = {}
        self.buffers = bulk.Buffers(ORDER, SEED_BATCH, parents=_NODES)

    # -- output -----------------------------------------------------------------------------
    def emit(self, statement: LiteralString, row: Row) -> list[bulk.Batch]:
        kind = _KIND[statement]
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return self.buffers.add(statement, row)

    def when(self) -> int:
        """A moment in the year of learning, in seconds since the epoch (see graph.bulk)."""
        return _PERIOD_START_S + int(self.rng.random() * _YEAR_SECONDS)

    # -- the whole run ------------------------------------------------------------------------
    def batches(self) -> Iterator[bulk.Batch]:
        yield from self.taxonomy()
        self.org = Shape(self.people, self.rng)
        yield from self.structure()
        yield from self.staff()
        yield from self.skills_top_up()
        yield from self.goals()
        yield from self.content()
        yield from self.social()
        yield from self.buffers.flush()
        m = self.manifest
        m.rare_skills = sorted(self.skill_ids[s] for s in self.rare)
        m.learning_hours_goal = LEARNING_HOURS_GOAL
        m.target_hours_per_person = TARGET_HOURS
        m.root_team = ROOT_TEAM
        m.teams = self.org.teams
        m.managers = sorted(
            {person_id(x) for i in range(self.people) if (x := self.org.manager(i)) is not None}
        )
        m.curators = sum(self.curator)
        m.period_start = PERIOD_START.date().isoformat()
        m.period_end = PERIOD_END.date().isoformat()
        m.counts = dict(sorted(self.counts.items()))

    def taxonomy(self) -> Iterator[bulk.Batch]:
        tax = _shipped_taxonomy()
        for row in tax.skill_rows():
            yield from self.emit(imports.ESCO_SKILLS, imports.skill_row(row))
        for row in tax.broader:
            yield from self.emit(imports.ESCO_BROADER, row)
        for row in tax.related:
            yield from self.emit(imports.ESCO_RELATED, row)
        digital = sorted(u for u, s in tax.skills.items() if "digital" in s["collections"])
        self.transversal_pool = sorted(
            u for u, s in tax.skills.items() if "transversal" in s["collections"]
        )
        self.skill_ids: list[str] = sorted(tax.skills)
        self.skill_names = [tax.skills[u]["name"] for u in self.skill_ids]
        index = {u: k for k, u in enumerate(self.skill_ids)}
        rare = self.rng.sample(digital, RARE_SKILLS)
        self.rare = [index[u] for u in rare]
        rare_set = set(rare)
        groups: dict[str, list[int]] = {}
        for uri in digital:
            if uri in rare_set:
                continue
            for wider in tax.skills[uri]["broader"]:
                if wider in tax.groups:
                    groups.setdefault(wider, []).append(index[uri])
                    break
        self.specialisms = [g for _, g in sorted(groups.items()) if len(g) >= 4]
        self.general = [index[u] for u in digital if u not in rare_set]
        self.transversal = [index[u] for u in self.transversal_pool if u not in rare_set]
        self.is_transversal = {index[u] for u in self.transversal_pool}

    def structure(self) -> Iterator[bulk.Batch]:
        org, rng = self.org, self.rng
        yield from self.emit(bulk.TEAMS, {"id": ROOT_TEAM, "name": "The organisation"})
        for v in range(org.divisions):
            yield from self.emit(
                bulk.TEAMS, {"id": f"div-{v + 1:02d}", "name": f"Division {v + 1}"}
            )
            yield from self.emit(
                bulk.TEAM_PARENTS, {"id": f"div-{v + 1:02d}", "parent_id": ROOT_TEAM}
            )
        self.focus: list[list[int]] = []
        for d, v in enumerate(org.dept_div):
            dept = f"dept-{d + 1:04d}"
            yield from self.emit(bulk.TEAMS, {"id": dept, "name": f"Department {d + 1}"})
            yield from self.emit(bulk.TEAM_PARENTS, {"id": dept, "parent_id": f"div-{v + 1:02d}"})
            areas = rng.sample(self.specialisms, min(2, len(self.specialisms)))
            pool = sorted({s for area in areas for s in area})
            for t in range(org.dept_first[d], org.dept_end[d]):
                team = f"team-{t + 1:05d}"
                yield from self.emit(bulk.TEAMS, {"id": team, "name": f"Team {t + 1}"})
                yield from self.emit(bulk.TEAM_PARENTS, {"id": team, "parent_id": dept})
                self.focus.append(rng.sample(pool, min(len(pool), rng.randint(5, 9))))
        # isolated teams: never the first team of a department (its lead heads the department)
        candidates = [t for t in range(org.teams) if org.dept_first[org.team_dept[t]] != t]
        k = min(len(candidates), max(2, min(10, org.teams // 40))) if org.teams >= 6 else 0
        self.isolated = sorted(rng.sample(candidates, k))
        self.manifest.isolated_teams = [f"team-{t + 1:05d}" for t in self.isolated]

    def team_id(self, t: int) -> str:
        return f"team-{t + 1:05d}"

    def staff(self) -> Iterator[bulk.Batch]:
        org, rng, n = self.org, self.rng, self.people
        self.curator = bytearray(n)
        self.curator_skills: dict[int, list[int]] = {}
        self.holders: dict[int, list[int]] = {}
        self.supply: dict[tuple[int, int], list[int]] = {}
        self.seniority = bytearray(n)
        is_manager = bytearray(n)
        for i in range(n):
            m = org.manager(i)
            if m is not None:
                is_manager[m] = 1
        self.is_manager = is_manager
        for i in range(n):
            t = org.team_of[i]
            pid = person_id(i)
            first, last = rng.choice(names.FIRST), rng.choice(names.LAST)
            seniority = min(3, int(rng.expovariate(0.9)))
            if is_manager[i]:
                seniority = max(seniority, 2)
                title = self._manager_title(i)
            else:
                family = FAMILIES[org.team_dept[t] % len(FAMILIES)]
                title = SENIORITY[seniority] + family
            self.seniority[i] = seniority
            yield from self.emit(
                bulk.PEOPLE,
                {
                    "id": pid,
                    "name": f"{first} {last}",
                    "email": f"{first.lower()}.{last.lower()}.{i + 1}@example.org",
                    "title": title,
                },
            )
            if rng.random() < self.curator_share:
                self.curator[i] = 1
                yield from self.emit(bulk.CURATORS, {"id": pid})
            yield from self.emit(bulk.MEMBERSHIPS, {"person_id": pid, "team_id": self.team_id(t)})
            m = org.manager(i)
            if m is not None:
                yield from self.emit(bulk.REPORTS, {"person_id": pid, "manager_id": person_id(m)})
            count = min(30, 1 + int(2 * rng.paretovariate(1.5)))
            held: dict[int, int] = {}
            focus = self.focus[t]
            for _ in range(count):
                draw = rng.random()
                if draw < 0.65:
                    skill, bonus = rng.choice(focus), 1.0
                elif draw < 0.85:
                    skill, bonus = rng.choice(self.transversal), 0.5
                else:
                    skill, bonus = rng.choice(self.general), -0.5
                if skill in held:
                    continue
                level = round(1 + seniority + bonus + rng.gauss(0, 0.8))
                held[skill] = max(1, min(5, level))
            for skill, level in held.items():
                yield from self.has_skill(i, skill, level)

    def _manager_title(self, i: int) -> str:
        org = self.org
        if org.manager(i) is None:
            return "Chief Executive"
        team = org.team_of[i]
        dept = org.team_dept[team]
        if i != org.lead(org.dept_first[dept]):
            return "Team Lead"
        div = org.dept_div[dept]
        if i != org.lead(org.dept_first[org.div_depts[div][0]]):
            return "Head of Department"
        return "Division Director"

    def has_skill(self, i: int, skill: int, level: int) -> list[bulk.Batch]:
        holders = self.holders.setdefault(skill, [])
        if len(holders) < 3:
            holders.append(i)
        supply = self.supply.setdefault((self.org.division_of(i), skill), [0] * 6)
        for lv in range(level + 1):
            supply[lv] += 1
        if self.curator[i] and skill not in self.is_transversal:
            self.curator_skills.setdefault(i, []).append(skill)
        draw = self.rng.random()
        source = "self" if draw < 0.5 else "manager" if draw < 0.8 else "peer"
        return self.emit(
            bulk.PERSON_SKILLS,
            {
                "person_id": person_id(i),
                "skill_id": self.skill_ids[skill],
                "level": level,
                "source": source,
                "assessed_at": self.when(),
            },
        )

    def skills_top_up(self) -> Iterator[bulk.Batch]:
        """Plant the rare skills; give every other skill held by one or two a third holder."""
        rng, n = self.rng, self.people
        for skill in self.rare:
            for i in rng.sample(range(n), min(n, rng.randint(1, 2))):
                yield from self.has_skill(i, skill, rng.randint(3, 5))
        rare = set(self.rare)
        for skill, holders in sorted(self.holders.items()):
            if skill in rare:
                continue
            while len(holders) < 3 and len(holders) < n:
                i = rng.randrange(n)
                if i not in holders:
                    yield from self.has_skill(i, skill, rng.randint(1, 3))

    def goals(self) -> Iterator[bulk.Batch]:
        """Objectives clearly met (supply several times the headcount) and clearly unmet."""
        org = self.org
        met: list[str] = []
        unmet: list[str] = []
        for v in range(min(2, org.divisions)):
            ranked = sorted(
                ((sup[3], skill) for (div, skill), sup in self.supply.items() if div == v),
                key=lambda x: (-x[0], x[1]),
            )
            needs = [(skill, 3, max(1, count // 4)) for count, skill in ranked[:3] if count >= 4]
            if needs:
                gid = f"goal-met-{v + 1}"
                met.append(gid)
                yield from self.goal(gid, f"Grow the practice of division {v + 1}", needs, v)
        for v in range(min(2, org.divisions)):
            ranked = sorted(
                ((sup[1], skill) for (div, skill), sup in self.supply.items() if div == v),
                key=lambda x: (-x[0], x[1]),
            )
            rare = self.rare[v % len(self.rare)]
            needs = [(rare, 3, 5 + 3 * self.supply.get((v, rare), [0] * 6)[3])]
            if ranked:
                skill = ranked[0][1]
                needs.append((skill, 5, 5 + 3 * self.supply[(v, skill)][5]))
            gid = f"goal-unmet-{v + 1}"
            unmet.append(gid)
            yield from self.goal(gid, f"Open a new line of business in division {v + 1}", needs, v)
        yield from self.emit(
            bulk.GOALS,
            {
                "id": LEARNING_HOURS_GOAL,
                "title": f"{TARGET_HOURS:g} learning hours per person a year",
                "kind": "learning_hours",
                "description": "Everyone learns about an hour a week.",
                "due": PERIOD_END.date(),
                "target_hours_per_person": TARGET_HOURS,
            },
        )
        yield from self.emit(
            bulk.COMMITMENTS, {"goal_id": LEARNING_HOURS_GOAL, "team_id": ROOT_TEAM}
        )
        self.manifest.met_goals = met
        self.manifest.unmet_goals = unmet

    def goal(
        self, gid: str, title: str, needs: list[tuple[int, int, int]], division: int
    ) -> Iterator[bulk.Batch]:
        yield from self.emit(
            bulk.GOALS,
            {
                "id": gid,
                "title": title,
                "kind": "objective",
                "description": None,
                "due": PERIOD_END.date() + dt.timedelta(days=365),
                "target_hours_per_person": None,
            },
        )
        for skill, level, headcount in needs:
            yield from self.emit(
                bulk.REQUIREMENTS,
                {
                    "goal_id": gid,
                    "skill_id": self.skill_ids[skill],
                    "level": level,
                    "headcount": headcount,
                    "critical": True,
                },
            )
        yield from self.emit(
            bulk.COMMITMENTS, {"goal_id": gid, "team_id": f"div-{division + 1:02d}"}
        )

    def content(self) -> Iterator[bulk.Batch]:
        """Courses, articles, videos, podcasts and books; a third made by people."""
        rng, org = self.rng, self.org
        isolated = set(self.isolated)
        open_people = [t for t in range(org.teams) if t not in isolated]
        curators = [i for i in range(self.people) if self.curator[i]]
        self.creator = bytearray(self.people)
        self.content_minutes: list[int] = []
        self.teaching: dict[int, list[int]] = {}
        for c in range(max(120, self.people // 3)):
            cid = f"c-{c + 1:06d}"
            kind = rng.choices(KINDS, cum_weights=_KIND_CUMULATIVE)[0]
            low, high = KIND_MINUTES[kind]
            minutes = rng.randint(low, high)
            curator = None
            if curators and rng.random() < 2 / 3:
                curator = rng.choice(curators)
                origin = "curated"
                pool = self.curator_skills.get(curator) or self.focus[org.team_of[curator]]
            else:
                team = rng.choice(open_people)
                author = org.start[team] + rng.randrange(org.size[team])
                origin = "user_generated"
                pool = self.focus[team]
            skills = rng.sample(pool, min(len(pool), rng.choice((1, 1, 2, 3))))
            self.content_minutes.append(minutes)
            yield from self.emit(
                bulk.CONTENT,
                {
                    "id": cid,
                    "title": TITLES[kind].format(self.skill_names[skills[0]]) + f" #{c + 1}",
                    "kind": kind,
                    "url": f"https://learning.example.org/{kind}/{c + 1}",
                    "minutes": minutes,
                    "origin": origin,
                    "created_at": self.when() - _YEAR_SECONDS,
                },
            )
            top = 5 if kind in ("course", "book") else 3
            for skill in skills:
                self.teaching.setdefault(skill, []).append(c)
                yield from self.emit(
                    bulk.TEACHES,
                    {
                        "content_id": cid,
                        "skill_id": self.skill_ids[skill],
                        "level": rng.randint(1, top),
                    },
                )
            if origin == "user_generated":
                self.creator[author] = 1
                yield from self.emit(
                    bulk.CREATED, {"person_id": person_id(author), "content_id": cid}
                )
            elif curator is not None:
                yield from self.emit(
                    bulk.CURATIONS,
                    {
                        "curator_id": person_id(curator),
                        "content_id": cid,
                        "at": self.when(),
                        "note": None,
                    },
                )

    def social(self) -> Iterator[bulk.Batch]:
        """Collaboration ties (with the planted brokers), follows, and a year of learning."""
        rng, org, n = self.rng, self.org, self.people
        isolated = set(self.isolated)
        open_teams = [t for t in range(org.teams) if t not in isolated]
        candidates = [
            i
            for t in open_teams
            for i in range(org.start[t], org.start[t] + org.size[t])
            if not self.is_manager[i]
        ]
        brokers = sorted(rng.sample(candidates, min(len(candidates), max(3, min(25, n // 400)))))
        self.manifest.brokers = [person_id(i) for i in brokers]
        density = self.tie_density
        # Denser: each pair in a team more likely tied (1 - 0.4^d: a team never exceeds a
        # clique), every cross-team mean and a broker's reach scaled by d, so that brokers and
        # isolated teams stand out from the same norm at any density.
        in_team = IN_TEAM_TIE if density == 1 else 1 - (1 - IN_TEAM_TIE) ** density
        cross = [mean * density for mean in CROSS_TIES]
        reach: dict[int, list[int]] = {}
        for b in brokers:
            own = org.team_of[b]
            teams = [t for t in open_teams if t != own]
            wanted = rng.randint(12, 20)
            reach[b] = rng.sample(teams, min(len(teams), round(wanted * density**REACH_EXP)))
        weights = [
            0.0 if org.team_of[i] in isolated else 1.0 + 15 * self.curator[i] + 8 * self.creator[i]
            for i in range(n)
        ]
        cumulative = list(accumulate(weights))
        del weights
        seen: set[int] = set()  # cross-team pairs written so far, as min * n + max
        for t in range(org.teams):
            first, size = org.start[t], org.size[t]
            members = range(first, first + size)
            strength = [rng.uniform(0.5, 1.5) for _ in members]
            for a in members:
                for b in range(a + 1, first + size):
                    if rng.random() < in_team:
                        base = 4 + 20 * strength[a - first] * strength[b - first]
                        yield from self.tie(a, b, base)
            if t in isolated:
                continue
            for a in members:
                partners: list[int] = []
                m = org.manager(a)
                if a == first and m is not None and org.team_of[m] != t:
                    partners.append(m)
                for scope, mean in enumerate(cross):
                    for _ in range(poisson(rng, mean)):
                        other = self.other_team(t, scope)
                        if other is not None:
                            partners.append(org.start[other] + rng.randrange(org.size[other]))
                for other in reach.get(a, []):
                    for _ in range(2):
                        partners.append(org.start[other] + rng.randrange(org.size[other]))
                for b in partners:
                    key = min(a, b) * n + max(a, b)
                    if a != b and key not in seen:
                        seen.add(key)
                        yield from self.tie(a, b, 2 + 6 * rng.random())
            for a in members:
                yield from self.follows(a, t, cumulative)
            for a in members:
                yield from self.learning(a)
        for t in sorted(isolated):
            for a in range(org.start[t], org.start[t] + org.size[t]):
                yield from self.follows(a, t, None)
                yield from self.learning(a)

    def other_team(self, t: int, scope: int) -> int | None:
        """A random team other than ``t``: same department (0), same division (1), anywhere (2)."""
        org, rng = self.org, self.rng
        dept = org.team_dept[t]
        if scope == 0:
            pool = range(org.dept_first[dept], org.dept_end[dept])
        elif scope == 1:
            depts = org.div_depts[org.dept_div[dept]]
            pool = range(org.dept_first[depts[0]], org.dept_end[depts[-1]])
        else:
            pool = range(org.teams)
        for _ in range(8):
            other = pool[rng.randrange(len(pool))]
            if other != t and other not in self.isolated:
                return other
        return None

    def tie(self, a: int, b: int, base: float) -> Iterator[bulk.Batch]:
        rng = self.rng
        kind = rng.choice(("meeting", "message", "review", "advice"))
        for source, target in ((a, b), (b, a)):
            yield from self.emit(
                bulk.COLLABORATIONS,
                {
                    "source_id": person_id(source),
                    "target_id": person_id(target),
                    "weight": float(max(1, round(base * rng.uniform(0.7, 1.3)))),
                    "kind": kind,
                    "at": self.when(),
                },
            )

    def follows(self, a: int, t: int, cumulative: list[float] | None) -> Iterator[bulk.Batch]:
        rng, org = self.rng, self.org
        first, size = org.start[t], org.size[t]
        chosen: set[int] = set()
        for _ in range(min(40, int(2 * rng.paretovariate(1.6)))):
            if cumulative is None or rng.random() < 0.4:
                b = first + rng.randrange(size)
            else:
                b = bisect(cumulative, rng.random() * cumulative[-1])
            if b != a and b < self.people:
                chosen.add(b)
        for b in sorted(chosen):
            yield from self.emit(
                bulk.FOLLOWS,
                {"follower_id": person_id(a), "followee_id": person_id(b), "since": self.when()},
            )

    def learning(self, a: int) -> Iterator[bulk.Batch]:
        """Completions adding up to about the person's learning hours for the year."""
        rng = self.rng
        if rng.random() < NON_LEARNERS:
            return
        budget = rng.gammavariate(2.0, TARGET_HOURS * 60 / (1 - NON_LEARNERS) / 2)
        focus = [s for s in self.focus[self.org.team_of[a]] if s in self.teaching]
        total, done, misses = 0, set[int](), 0
        count = len(self.content_minutes)
        while total < budget and misses < 60:
            if focus and misses < 10 and rng.random() < 0.7:
                c = rng.choice(self.teaching[rng.choice(focus)])
            else:
                c = rng.randrange(count)
            if c in done:
                misses += 1
                continue
            minutes = self.content_minutes[c]
            if total + minutes > budget and rng.random() > (budget - total) / minutes:
                break
            done.add(c)
            total += minutes
            yield from self.emit(
                bulk.COMPLETIONS,
                {
                    "person_id": person_id(a),
                    "content_id": f"c-{c + 1:06d}",
                    "at": self.when(),
                    "minutes": minutes,
                    "rating": rng.choices(RATINGS, cum_weights=_RATING_CUMULATIVE)[0],
                },
            )


async def generate(
    db: Database,
    *,
    people: int,
    seed: int,
    curator_share: float = 0.03,
    tie_density: float = 1.0,
    progress: bool = False,
    create: bool = True,
) -> Manifest:
    """Write a whole generated organisation and return its ground truth.

    The same ``people``, ``seed`` and ``tie_density`` always give the same graph. Rows are
    written in ``UNWIND`` batches (one managed transaction each) while the next ones are built.
    ``tie_density`` scales the collaboration ties: 1 gives about 4.4 ties per person, 11
    about 20 (a 10,000-person organisation with ~200k ties); see :meth:`_Generator.social`.

    When the graph holds no person, team, skill, content or goal yet (and ``create`` is
    true), every row is new and is written with ``CREATE`` (:mod:`graph.fresh`), several
    times faster than upserts; otherwise with idempotent upserts (``MERGE``), so seeding a
    graph that already holds the organisation changes nothing. Either way the graph is the
    same; ``Manifest.written_with`` says which way it was written.

    Raises
    ------
    ValueError
        When ``people`` is below 1, ``curator_share`` is outside 0-1 or ``tie_density``
        is not positive.
    """
    if people < 1:
        raise ValueError("people must be at least 1")
    if not 0 <= curator_share <= 1:
        raise ValueError("curator_share must be between 0 and 1")
    if not tie_density > 0:
        raise ValueError(f"tie_density must be above 0, got {tie_density}")
    generator = _Generator(people, seed, curator_share, tie_density)
    batches: Iterator[bulk.Batch] = generator.batches()
    if create and await fresh.is_empty(db):
        generator.manifest.written_with = "create"
        batches = ((fresh.twin(statement), rows) for statement, rows in batches)
    else:
        generator.manifest.written_with = "merge"
    with tqdm(desc="seeding", unit=" rows", disable=not progress, unit_scale=True) as bar:
        await bulk.write_stream(db, batches, progress=bar.update)
    return generator.manifest
