"""Champions per skill: people strong in a skill who also spread it."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Champion:
    """A person's standing as champion of one skill.

    Attributes
    ----------
    skill, person
        Ids.
    score
        ``level / 5 * (influence + sharing) / 2``, in [0, 1].
    level
        The person's level in the skill (0-5).
    influence
        Percentile rank of the person's PageRank in the organisation.
    sharing
        Content on the skill the person created or curated, relative to the skill's most
        active sharer (1.0 for them, 0.0 for no content).
    """

    skill: str
    person: Hashable
    score: float
    level: int
    influence: float
    sharing: float


def champions(
    levels: Mapping[Any, Mapping[str, int]],
    influence: Mapping[Any, float],
    shared: Mapping[Any, Mapping[str, int]],
    *,
    min_level: int = 3,
    per_skill: int = 20,
) -> dict[str, list[Champion]]:
    """The top champions of every skill.

    Parameters
    ----------
    levels
        Person to skill to level.
    influence
        Person to influence as a percentile rank in [0, 1].
    shared
        Person to skill to how many content items on it they created or curated.
    min_level
        Lowest level that can make a champion.
    per_skill
        How many champions to keep per skill.

    Returns
    -------
    dict
        Skill to its champions, best first (ties by person id).

    Examples
    --------
    >>> levels = {"a": {"sql": 5}, "b": {"sql": 4}, "c": {"sql": 2}}
    >>> found = champions(levels, {"a": 0.2, "b": 0.9, "c": 1.0}, {"a": {"sql": 2}})
    >>> [(c.person, round(c.score, 2)) for c in found["sql"]]
    [('a', 0.6), ('b', 0.36)]

    References
    ----------
    .. [1] Rogers, E. M. (2003). Diffusion of Innovations, 5th ed. Free Press (opinion
       leaders: competence combined with social accessibility).
    .. [2] Valente, T. W. & Pumpuang, P. (2007). Identifying opinion leaders to promote
       behavior change. Health Education & Behavior 34(6), 881-896.
    """
    by_skill: dict[str, list[tuple[Hashable, int]]] = {}
    for person, held in levels.items():
        for skill, level in held.items():
            if level >= min_level:
                by_skill.setdefault(skill, []).append((person, level))
    out: dict[str, list[Champion]] = {}
    for skill in sorted(by_skill):
        holders = by_skill[skill]
        most = max((shared.get(p, {}).get(skill, 0) for p, _ in holders), default=0)
        ranked: list[Champion] = []
        for person, level in holders:
            items = shared.get(person, {}).get(skill, 0)
            sharing = items / most if most else 0.0
            infl = influence.get(person, 0.0)
            score = level / 5 * (infl + sharing) / 2
            ranked.append(Champion(skill, person, score, level, infl, sharing))
        ranked.sort(key=lambda c: (-c.score, str(c.person)))
        out[skill] = ranked[:per_skill]
    return out
