"""What closes a person's skill gaps: content to learn from and mentors to learn with.

For every skill a goal of the person requires above their level (the same rule as
:mod:`graph.gaps`: narrower skills count, the person's best level counts) this ranks

* **content** that teaches the skill, or a narrower one, beyond the person's level and that
  they have not completed: by level fit (it stops at or before the level needed: 2; it goes
  beyond it: 1), then curated first, then average rating, then how many of the people they
  follow or collaborate with completed it;
* **mentors**: other people at or above the level needed, the closest in the collaboration
  graph first (1 hop, then 2 hops, then the rest), then by level.

Each comes with the facts behind its rank; ``docs/skill-gaps.md`` states the rules.
Three statements whatever the number of gaps, sent together.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from graph.db import Database, Row
from graph.errors import NotFound

# The person's gaps per skill: the highest level any of their goals requires, their best
# level (narrower skills included), and the average minutes of the content that fits.
_GAPS = """
MATCH (p:Person {id: $person})-[:MEMBER_OF]->(:Team)-[:PART_OF*0..]->(:Team)
      -[:COMMITTED_TO]->(g:Goal)-[r:REQUIRES]->(s:Skill)
WHERE $skill IS NULL OR s.id = $skill
WITH p, s, max(r.level) AS target, collect(DISTINCT g.id) AS goals
OPTIONAL MATCH (p)-[h:HAS_SKILL]->(:Skill)-[:BROADER*0..]->(s)
WITH p, s, target, goals, coalesce(max(h.level), 0) AS current
WHERE current < target
CALL {
  WITH s, current, target
  OPTIONAL MATCH (s)<-[:BROADER*0..]-(:Skill)<-[t:TEACHES]-(c:Content)
  WHERE t.level > current AND t.level <= target
  WITH DISTINCT c
  RETURN avg(c.minutes) AS fitMinutes
}
RETURN s.id AS skillId, s.name AS skillName, current, target, target - current AS distance,
       goals, fitMinutes, s {.id, .name, .description, .category, .escoUri, .altLabels} AS skill
ORDER BY distance DESC, skillId
"""

# The person's network (people they follow, people they collaborate with) is collected
# once, as two lists joined after (ArcadeDB rejects `list + collect(...)`).
#
# Reading completions is what costs (every completion of every candidate item), so it is
# done for as few items as the ranking allows: an item ranked by level fit and curation
# below the `$limit`-th item of its skill cannot reach the top whatever its rating, so only
# the items tied with or ahead of that one get their rating. The same cut again, by level
# fit, curation and rating: only the items tied with or ahead of the `$limit`-th get the
# network's completions, the last tie-breaker (a few items instead of hundreds at 100,000
# people, where most candidates are curated and fit). The network's completers are found
# by identity against the network list, so only their names are read; the completer needs
# no label, as COMPLETED only leaves people (graph/MODEL.md). Curator names are read for
# the items kept. The result is the ranking the docs state, over all the items.
_CONTENT = """
MATCH (p:Person {id: $person})
OPTIONAL MATCH (p)-[:FOLLOWS]->(f:Person)
WITH p, collect(f) AS follows
OPTIONAL MATCH (p)-[:COLLABORATES_WITH]-(w:Person)
WITH p, follows, collect(w) AS workers
WITH p, follows + workers AS network
MATCH (p)-[:MEMBER_OF]->(:Team)-[:PART_OF*0..]->(:Team)
      -[:COMMITTED_TO]->(:Goal)-[r:REQUIRES]->(s:Skill)
WHERE $skill IS NULL OR s.id = $skill
WITH p, network, s, max(r.level) AS target
OPTIONAL MATCH (p)-[h:HAS_SKILL]->(:Skill)-[:BROADER*0..]->(s)
WITH p, network, s, target, coalesce(max(h.level), 0) AS current
WHERE current < target
MATCH (s)<-[:BROADER*0..]-(:Skill)<-[t:TEACHES]-(c:Content)
WHERE t.level > current AND NOT EXISTS { (p)-[:COMPLETED]->(c) }
WITH network, s, target, c, max(t.level) AS teaches
WITH network, s, c, teaches, CASE WHEN teaches <= target THEN 2 ELSE 1 END AS fit,
     COUNT { (:Curator)-[:CURATES]->(c) } > 0 AS curated
ORDER BY s.id, fit DESC, curated DESC
WITH network, s, collect({c: c, teaches: teaches, fit: fit, curated: curated}) AS found
WITH network, s, found,
     CASE WHEN size(found) <= $limit THEN null ELSE found[$limit - 1] END AS last
UNWIND found AS k
WITH network, s, k
WHERE $limit > 0 AND (last IS NULL OR k.fit > last.fit
      OR (k.fit = last.fit AND (k.curated OR NOT last.curated)))
WITH network, s, k.c AS c, k.teaches AS teaches, k.fit AS fit, k.curated AS curated
CALL {
  WITH c
  OPTIONAL MATCH ()-[x:COMPLETED]->(c)
  RETURN avg(x.rating) AS rating, count(x.rating) AS ratings
}
WITH network, s, c, teaches, fit, curated, rating, ratings
ORDER BY s.id, fit DESC, curated DESC, coalesce(rating, 0) DESC
WITH network, s, collect({c: c, teaches: teaches, fit: fit, curated: curated,
                          rating: coalesce(rating, 0), ratings: ratings, avg: rating}) AS rated
UNWIND range(0, size(rated) - 1) AS i
WITH network, s, rated[i] AS k, rated[$limit - 1] AS last, i
WHERE i < $limit OR (k.fit = last.fit AND k.curated = last.curated AND k.rating = last.rating)
WITH network, s, k.c AS c, k.teaches AS teaches, k.fit AS fit, k.curated AS curated,
     k.avg AS rating, k.ratings AS ratings
CALL {
  WITH c, network
  OPTIONAL MATCH (q)-[:COMPLETED]->(c)
  WHERE q IN network
  WITH DISTINCT q ORDER BY q.name
  RETURN count(q) AS social, collect(DISTINCT q.name)[..3] AS socialNames
}
WITH s, c, teaches, fit, curated, rating, ratings, social, socialNames
ORDER BY s.id, fit DESC, curated DESC, coalesce(rating, 0) DESC, social DESC, c.minutes, c.id
WITH s, collect({c: c, teaches: teaches, fit: fit, rating: rating, ratings: ratings,
                 social: social, socialNames: socialNames})[..$limit] AS top
UNWIND range(0, size(top) - 1) AS rank
WITH s, rank, top[rank] AS k
WITH s, rank, k, k.c AS c
CALL {
  WITH c
  OPTIONAL MATCH (cu:Curator)-[:CURATES]->(c)
  WITH cu ORDER BY cu.name
  RETURN collect(cu.name) AS curators
}
WITH s, rank, k, c, curators ORDER BY s.id, rank
WITH s, collect({id: c.id, title: c.title, kind: c.kind, url: c.url, minutes: c.minutes,
                 origin: c.origin, teaches: k.teaches, fit: k.fit, curators: curators,
                 rating: k.rating, ratings: k.ratings, social: k.social,
                 socialNames: k.socialNames}) AS items
RETURN s.id AS skillId, items
"""

# Mentors: the person's 1- and 2-hop collaborators and team mates are collected once, so
# each holder is placed by list membership instead of a path search per holder. Each
# skill's top `$limit` come from an ORDER BY ... LIMIT inside a CALL, which keeps `$limit`
# rows instead of sorting every holder (about 3x faster at 100,000 people, and it spares
# the query memory ArcadeDB shares between running queries); holders are grouped in an
# inner CALL that does not carry the lists. The mentors returned come as the people
# lookups return them (flat: ArcadeDB garbles a map projection nested in a map).
_MENTORS = """
MATCH (p:Person {id: $person})
OPTIONAL MATCH (p)-[:COLLABORATES_WITH]-(n1:Person)
WITH p, collect(DISTINCT n1) AS near
OPTIONAL MATCH (p)-[:COLLABORATES_WITH]-(:Person)-[:COLLABORATES_WITH]-(n2:Person)
WITH p, near, collect(DISTINCT n2) AS far
OPTIONAL MATCH (p)-[:MEMBER_OF]->(:Team)<-[:MEMBER_OF]-(mate:Person)
WITH p, near, far, collect(mate) AS mates
MATCH (p)-[:MEMBER_OF]->(:Team)-[:PART_OF*0..]->(:Team)-[:COMMITTED_TO]->(:Goal)
      -[r:REQUIRES]->(s:Skill)
WHERE $skill IS NULL OR s.id = $skill
WITH p, near, far, mates, s, max(r.level) AS target
OPTIONAL MATCH (p)-[h:HAS_SKILL]->(:Skill)-[:BROADER*0..]->(s)
WITH p, near, far, mates, s, target, coalesce(max(h.level), 0) AS current
WHERE current < target
CALL {
  WITH p, s, target, near, far, mates
  CALL {
    WITH p, s, target
    MATCH (s)<-[:BROADER*0..]-(:Skill)<-[hm:HAS_SKILL]-(m:Person)
    WHERE hm.level >= target AND m <> p
    RETURN m, max(hm.level) AS level
  }
  WITH m, level, CASE WHEN m IN near THEN 1 WHEN m IN far THEN 2 ELSE null END AS hops,
       m IN mates AS sameTeam
  ORDER BY coalesce(hops, 99), sameTeam DESC, level DESC, m.id
  LIMIT $limit
  RETURN collect({m: m, level: level, hops: hops, sameTeam: sameTeam}) AS top
}
WITH s, top
UNWIND range(0, size(top) - 1) AS rank
WITH s, rank, top[rank] AS k
WITH s, rank, k, k.m AS m ORDER BY s.id, rank
RETURN s.id AS skillId,
       collect({id: m.id, name: m.name, email: m.email, title: m.title, curator: m:Curator,
                level: k.level, hops: k.hops, sameTeam: k.sameTeam}) AS mentors
"""

_PERSON_EXISTS = "MATCH (p:Person {id: $person}) RETURN p.id AS id"


@dataclass(frozen=True)
class ContentPick:
    """A piece of content recommended for one gap, with the facts behind its rank."""

    content_id: str
    title: str
    kind: str | None
    url: str | None
    minutes: float | None
    teaches: int
    fit: int
    curators: tuple[str, ...]
    rating: float | None
    ratings: int
    social: int
    social_names: tuple[str, ...]

    @property
    def hours(self) -> float | None:
        """The content's length in hours."""
        return None if self.minutes is None else round(self.minutes / 60, 2)

    def reasons(self, skill: str, current: int, target: int) -> list[str]:
        """Why it is recommended, most important first."""
        out = [f"teaches {skill} up to level {self.teaches} (you: {current}, needed: {target})"]
        if self.fit < 2:
            out[0] += ", beyond the level needed"
        if self.curators:
            out.append("curated by " + ", ".join(self.curators))
        if self.rating is not None:
            people = "person" if self.ratings == 1 else "people"
            out.append(f"rated {self.rating:.1f}/5 by {self.ratings} {people}")
        if self.social:
            names = ", ".join(self.social_names)
            more = f" and {self.social - len(self.social_names)} more" if self.social > 3 else ""
            out.append(f"completed by people you follow or work with: {names}{more}")
        return out

    @classmethod
    def from_record(cls, r: Row) -> ContentPick:
        return cls(
            content_id=r["id"],
            title=r["title"],
            kind=r.get("kind"),
            url=r.get("url"),
            minutes=None if r.get("minutes") is None else float(r["minutes"]),
            teaches=int(r["teaches"]),
            fit=int(r["fit"]),
            curators=tuple(r["curators"]),
            rating=None if r.get("rating") is None else float(r["rating"]),
            ratings=int(r["ratings"]),
            social=int(r["social"]),
            social_names=tuple(r["socialNames"]),
        )


@dataclass(frozen=True)
class MentorPick:
    """Someone who holds the skill at the level needed, placed by collaboration closeness."""

    person_id: str
    name: str
    level: int
    hops: int | None
    same_team: bool

    def reasons(self, skill: str) -> list[str]:
        """Why this mentor, most important first."""
        out = [f"level {self.level} in {skill}"]
        if self.hops == 1:
            out.append("works with you directly")
        elif self.hops == 2:
            out.append("works with someone you work with")
        if self.same_team:
            out.append("in your team")
        return out


@dataclass(frozen=True)
class GapPlan:
    """One skill gap of a person and what closes it."""

    skill_id: str
    skill_name: str
    current: int
    target: int
    goal_ids: tuple[str, ...]
    fit_minutes: float | None
    content: tuple[ContentPick, ...]
    mentors: tuple[MentorPick, ...]
    records: tuple[Row, ...] = field(default=(), compare=False, repr=False)
    """The skill, then the mentors, as the entity lookups return them."""

    @property
    def distance(self) -> int:
        """Levels to go."""
        return self.target - self.current

    @property
    def expected_hours(self) -> float | None:
        """Levels to go times the average length of the content that fits, in hours."""
        if self.fit_minutes is None:
            return None
        return round(self.distance * self.fit_minutes / 60, 2)


async def plans(
    db: Database, person: str, *, skill: str | None = None, limit: int = 5
) -> list[GapPlan]:
    """The person's gaps (one skill's, with ``skill``) and what closes each, farthest first.

    Raises :class:`NotFound` for an unknown person.
    """
    params = {"person": person, "skill": skill, "limit": limit}
    # Independent reads: sent together, the database answers them side by side.
    gaps, content_rows, mentor_rows = await asyncio.gather(
        db.read(_GAPS, params), db.read(_CONTENT, params), db.read(_MENTORS, params)
    )
    if not gaps:
        if not await db.read(_PERSON_EXISTS, params):
            raise NotFound("person", person)
        return []
    content = {r["skillId"]: r["items"] for r in content_rows}
    mentors = {r["skillId"]: r["mentors"] for r in mentor_rows}
    people = ("id", "name", "email", "title", "curator")
    return [
        GapPlan(
            skill_id=g["skillId"],
            skill_name=g["skillName"],
            current=int(g["current"]),
            target=int(g["target"]),
            goal_ids=tuple(sorted(g["goals"])),
            fit_minutes=None if g["fitMinutes"] is None else float(g["fitMinutes"]),
            content=tuple(ContentPick.from_record(c) for c in content.get(g["skillId"], [])),
            mentors=tuple(
                MentorPick(m["id"], m["name"], int(m["level"]), m["hops"], bool(m["sameTeam"]))
                for m in mentors.get(g["skillId"], [])
            ),
            records=(
                g["skill"],
                *({k: m[k] for k in people} for m in mentors.get(g["skillId"], [])),
            ),
        )
        for g in gaps
    ]
