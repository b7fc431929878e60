"""A small deterministic demo organisation, loaded by ``skillgraph serve --demo``.

Divisions, departments and teams with managers, people with skills at levels, collaboration
ties inside teams (and a few across), and two goals: one the organisation meets and one it
does not. The full generator (``skillgraph seed``) builds larger, richer organisations.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph import bulk, stats
from graph.db import Database, Row

_FIRST = [
    "Ada",
    "Ben",
    "Chloe",
    "Dev",
    "Elif",
    "Femi",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kai",
    "Lena",
    "Mona",
    "Nils",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Uma",
    "Viktor",
    "Wen",
    "Xenia",
    "Yusuf",
    "Zoe",
]
_LAST = [
    "Almeida",
    "Berg",
    "Chen",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jansen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Weber",
]
SKILLS = [
    ("python", "Python", "programming"),
    ("kubernetes", "Kubernetes", "cloud"),
    ("sql", "SQL", "data"),
    ("cloud-arch", "cloud architecture", "cloud"),
    ("ml", "machine learning", "data"),
    ("ux", "user experience design", "design"),
    ("agile", "agile project management", "management"),
    ("security", "ICT security", "cloud"),
    ("coaching", "coach employees", "transversal"),
    ("teamwork", "work in teams", "transversal"),
    ("negotiation", "negotiate", "transversal"),
    ("java", "Java", "programming"),
]


@dataclass
class Organisation:
    """The rows of a generated organisation, ready for :mod:`graph.bulk`."""

    teams: list[Row] = field(default_factory=list)
    parents: list[Row] = field(default_factory=list)
    people: list[Row] = field(default_factory=list)
    members: list[Row] = field(default_factory=list)
    reports: list[Row] = field(default_factory=list)
    skills: list[Row] = field(default_factory=list)
    person_skills: list[Row] = field(default_factory=list)
    ties: list[Row] = field(default_factory=list)
    goals: list[Row] = field(default_factory=list)
    requirements: list[Row] = field(default_factory=list)
    commitments: list[Row] = field(default_factory=list)


def build(people: int = 300, seed: int = 7) -> Organisation:
    """Generate the demo organisation (the same for the same arguments)."""
    rng = random.Random(seed)
    org = Organisation()
    org.skills = [
        {"id": k, "name": n, "description": None, "category": c, "esco_uri": None}
        for k, n, c in SKILLS
    ]
    teams: list[list[str]] = []
    count = 0
    for d in range(3):
        division = f"div-{d + 1}"
        org.teams.append({"id": division, "name": f"Division {d + 1}"})
        for e in range(2):
            dept = f"{division}-dept-{e + 1}"
            org.teams.append({"id": dept, "name": f"Department {d + 1}.{e + 1}"})
            org.parents.append({"id": dept, "parent_id": division})
            for t in range(max(1, people // 60)):
                team = f"{dept}-team-{t + 1}"
                org.teams.append({"id": team, "name": f"Team {d + 1}.{e + 1}.{t + 1}"})
                org.parents.append({"id": team, "parent_id": dept})
                teams.append([team])
    while count < people:
        for slot in teams:
            if count >= people:
                break
            pid = f"p-{count + 1:04d}"
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            manager = len(slot) == 1
            org.people.append(
                {
                    "id": pid,
                    "name": name,
                    "email": f"{name.lower().replace(' ', '.')}.{count + 1}@example.org",
                    "title": "Team lead"
                    if manager
                    else rng.choice(["Engineer", "Analyst", "Designer"]),
                }
            )
            org.members.append({"person_id": pid, "team_id": slot[0]})
            if not manager:
                org.reports.append({"person_id": pid, "manager_id": slot[1]})
            slot.append(pid)
            count += 1
    for slot in teams:
        members = slot[1:]
        focus = rng.sample(SKILLS, 3)
        for pid in members:
            held = set(k for k, _, _ in focus[: rng.randint(1, 3)])
            held |= {rng.choice(SKILLS)[0] for _ in range(rng.randint(0, 2))}
            for skill in sorted(held):
                org.person_skills.append(
                    {
                        "person_id": pid,
                        "skill_id": skill,
                        "level": rng.randint(1, 5),
                        "source": rng.choice(["self", "manager", "peer"]),
                        "assessed_at": None,
                    }
                )
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if rng.random() < 0.6:
                    org.ties.append(_tie(a, b, rng))
    everyone = [p["id"] for p in org.people]
    for _ in range(people // 5):
        org.ties.append(_tie(rng.choice(everyone), rng.choice(everyone), rng))
    org.ties = [t for t in org.ties if t["source_id"] != t["target_id"]]
    org.goals = [
        {
            "id": "goal-cloud",
            "title": "Cloud migration",
            "kind": "objective",
            "description": "Move the platform to Kubernetes.",
            "due": None,
            "target_hours_per_person": None,
        },
        {
            "id": "goal-ai",
            "title": "AI in every product",
            "kind": "objective",
            "description": "Machine learning in every product line.",
            "due": None,
            "target_hours_per_person": None,
        },
        {
            "id": "goal-hours",
            "title": "40 learning hours a year",
            "kind": "learning_hours",
            "description": None,
            "due": None,
            "target_hours_per_person": 40.0,
        },
    ]
    org.requirements = [
        {
            "goal_id": "goal-cloud",
            "skill_id": "kubernetes",
            "level": 3,
            "headcount": 5,
            "critical": True,
        },
        {"goal_id": "goal-ai", "skill_id": "ml", "level": 5, "headcount": 40, "critical": True},
    ]
    org.commitments = [
        {"goal_id": "goal-cloud", "team_id": "div-1"},
        {"goal_id": "goal-ai", "team_id": "div-2-dept-1"},
        {"goal_id": "goal-hours", "team_id": "div-1"},
    ]
    return org


def _tie(a: str, b: str, rng: random.Random) -> Row:
    return {
        "source_id": a,
        "target_id": b,
        "weight": float(rng.randint(1, 10)),
        "kind": rng.choice(["meeting", "message", "review"]),
        "at": None,
    }


def steps(org: Organisation) -> list[tuple[LiteralString, list[Row]]]:
    """The bulk statements and their rows, parents before the ties that need them."""
    return [
        (bulk.TEAMS, org.teams),
        (bulk.TEAM_PARENTS, org.parents),
        (bulk.PEOPLE, org.people),
        (bulk.MEMBERSHIPS, org.members),
        (bulk.REPORTS, org.reports),
        (bulk.SKILLS, org.skills),
        (bulk.PERSON_SKILLS, org.person_skills),
        (bulk.COLLABORATIONS, org.ties),
        (bulk.GOALS, org.goals),
        (bulk.REQUIREMENTS, org.requirements),
        (bulk.COMMITMENTS, org.commitments),
    ]


async def is_empty(db: Database) -> bool:
    """Whether the graph holds nothing yet."""
    return await stats.node_count(db) == 0


async def load(
    db: Database, people: int = 300, seed: int = 7, progress: Callable[[int], Any] | None = None
) -> Organisation:
    """Generate the demo organisation and write it."""
    org = build(people, seed)
    for statement, rows in steps(org):
        await bulk.write_batches(db, statement, rows, progress=progress)
    return org
