"""Community health in the API: runs, culture leaders, champions, brokers, isolated teams.

Every result carries the id of the analysis run it came from (``runId``); every root field
reads the latest complete run unless given ``runId``. Lists are ranked results capped at 100
(``first``), not Relay connections: their shape is fixed by outside tools that rely on it.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any, Self

import strawberry
from strawberry.scalars import JSON

from graph import analysis_runs
from resolvers import community, loaders
from schema.ids import entity_key
from schema.nodes import Info, Person, Skill, Team
from schema.pagination import Connection, connection, page_args


async def _person(info: Info, key: str) -> Person | None:
    row = await info.context.loader(loaders.PersonByIdLoader).load(key)
    return None if row is None else Person.from_record(row)


async def _team(info: Info, key: str) -> Team | None:
    row = await info.context.loader(loaders.TeamByIdLoader).load(key)
    return None if row is None else Team.from_record(row)


@strawberry.type
class StageDuration:
    stage: str
    seconds: float


@strawberry.type
class SkillHolders:
    skill_id: str
    holders: int

    @strawberry.field(description="The skill (null if it was deleted since the run).")
    async def skill(self, info: Info) -> Skill | None:
        row = await info.context.loader(loaders.SkillByIdLoader).load(self.skill_id)
        return None if row is None else Skill.from_record(row)


@strawberry.type(description="The organisation's network health in one analysis run.")
class CommunityHealth:
    run_id: strawberry.ID
    started_at: dt.datetime | None
    computed_at: dt.datetime | None
    algorithm: str = strawberry.field(description="`leiden` or `louvain`.")
    backend: str | None
    people: int
    ties: int
    modularity: float
    community_count: int
    team_community_alignment: float | None = strawberry.field(
        description="Mean share of a team's members in its most common community (1: "
        "communities follow team lines)."
    )
    component_count: int
    giant_component_share: float
    density: float
    clustering: float
    reciprocity: float | None
    cross_team_tie_ratio: float | None
    curator_reach: float | None = strawberry.field(
        description="Share of communities in which someone learned from curated content."
    )
    knowledge_flow: float | None = strawberry.field(
        description="Share of learning minutes on content created by colleagues."
    )
    betweenness_samples: int | None = strawberry.field(
        description="Sources sampled for betweenness; null when computed exactly."
    )
    betweenness_error_bound: float | None = strawberry.field(
        description="95 % bound on any person's betweenness error when sampled (Hoeffding)."
    )
    team_count: int
    isolated_team_count: int
    isolated_people_count: int
    broker_count: int
    previous_run_id: strawberry.ID | None
    person_results_kept: bool = strawberry.field(
        description="Whether the run still holds its per-person results (leaders, brokers, "
        "champions, isolated people, people's metrics). Older runs' are deleted "
        "(SKILLGRAPH_KEEP_PERSON_RESULTS); their organisation and team figures stay."
    )
    parameters: JSON
    durations: list[StageDuration]
    single_point_of_failure_skills: list[SkillHolders]

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Self:
        return cls(
            run_id=strawberry.ID(r["id"]),
            started_at=r.get("startedAt"),
            computed_at=r.get("computedAt"),
            algorithm=r["algorithm"],
            backend=r.get("backend"),
            people=r["people"],
            ties=r["ties"],
            modularity=r["modularity"],
            community_count=r["communityCount"],
            team_community_alignment=r.get("teamCommunityAlignment"),
            component_count=r["components"],
            giant_component_share=r["giantComponentShare"],
            density=r["density"],
            clustering=r["clustering"],
            reciprocity=r.get("reciprocity"),
            cross_team_tie_ratio=r.get("crossTeamTieRatio"),
            curator_reach=r.get("curatorReach"),
            knowledge_flow=r.get("knowledgeFlow"),
            betweenness_samples=r.get("betweennessSamples"),
            betweenness_error_bound=r.get("betweennessErrorBound"),
            team_count=r.get("teams", 0),
            isolated_team_count=r.get("isolatedTeams", 0),
            isolated_people_count=r.get("isolatedPeople", 0),
            broker_count=r.get("brokers", 0),
            previous_run_id=r.get("previousRunId"),
            person_results_kept=analysis_runs.has_person_results(r),
            parameters=JSON(r.get("parameters") or {}),
            durations=[StageDuration(stage=k, seconds=v) for k, v in r["durations"].items()],
            single_point_of_failure_skills=[
                SkillHolders(skill_id=s["skill"], holders=s["holders"])
                for s in r.get("spofSkills") or []
            ],
        )


@strawberry.type(description="A person's network metrics in one analysis run.")
class PersonNetwork:
    run_id: strawberry.ID
    person_id: strawberry.Private[str]
    degree: int
    weighted_degree: float
    pagerank: float = strawberry.field(description="Influence (PageRank; sums to 1).")
    betweenness: float
    betweenness_error: float = strawberry.field(
        description="Standard error of `betweenness` (0 when computed exactly)."
    )
    constraint: float | None = strawberry.field(description="Burt's constraint (low: broker).")
    effective_size: float | None
    teams_reached: int = strawberry.field(description="Other teams the person has ties into.")
    external_tie_share: float | None
    core_number: int
    community: int
    followers: int
    content_created: int
    content_curated: int
    is_manager: bool
    culture_score: float
    culture_rank: int
    is_broker: bool
    broker_score: float | None
    isolated: bool
    isolation_reason: str | None

    @classmethod
    def from_record(cls, run_id: str, r: dict[str, Any]) -> Self:
        return cls(
            run_id=strawberry.ID(run_id),
            person_id=r["id"],
            degree=r["degree"],
            weighted_degree=r["strength"],
            pagerank=r["pagerank"],
            betweenness=r["betweenness"],
            betweenness_error=r["betweennessError"],
            constraint=r.get("constraint"),
            effective_size=r.get("effectiveSize"),
            teams_reached=r["teamsReached"],
            external_tie_share=r.get("externalShare"),
            core_number=r["coreNumber"],
            community=r["community"],
            followers=r["followers"],
            content_created=r["created"],
            content_curated=r["curated"],
            is_manager=r["isManager"],
            culture_score=r["cultureScore"],
            culture_rank=r["cultureRank"],
            is_broker=r["isBroker"],
            broker_score=r.get("brokerScore"),
            isolated=r["isolated"],
            isolation_reason=r.get("isolationReason"),
        )

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return await _person(info, self.person_id)


@strawberry.type(description="A culture leader: influence, brokerage and contribution.")
class CultureLeader:
    run_id: strawberry.ID
    person_id: strawberry.Private[str]
    rank: int
    score: float = strawberry.field(description="Mean of the three components, 0-1.")
    influence: float = strawberry.field(description="Percentile rank of PageRank.")
    brokerage: float = strawberry.field(
        description="Mean percentile rank of betweenness and of low constraint."
    )
    contribution: float = strawberry.field(
        description="Mean percentile rank of followers and of content created or curated."
    )
    is_manager: bool

    @classmethod
    def from_record(cls, run_id: str, r: dict[str, Any]) -> Self:
        return cls(
            run_id=strawberry.ID(run_id),
            person_id=r["id"],
            rank=r["cultureRank"],
            score=r["cultureScore"],
            influence=r["influence"],
            brokerage=r["brokerage"],
            contribution=r["contribution"],
            is_manager=r["isManager"],
        )

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return await _person(info, self.person_id)


@strawberry.type(description="A broker: high betweenness, low constraint, ties across teams.")
class Broker:
    run_id: strawberry.ID
    person_id: strawberry.Private[str]
    betweenness: float
    constraint: float | None
    effective_size: float | None
    teams_reached: int
    score: float | None = strawberry.field(
        description="Mean robust z-score of log betweenness, log reach and -log constraint."
    )
    is_manager: bool

    @classmethod
    def from_record(cls, run_id: str, r: dict[str, Any]) -> Self:
        return cls(
            run_id=strawberry.ID(run_id),
            person_id=r["id"],
            betweenness=r["betweenness"],
            constraint=r.get("constraint"),
            effective_size=r.get("effectiveSize"),
            teams_reached=r["teamsReached"],
            score=r.get("brokerScore"),
            is_manager=r["isManager"],
        )

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return await _person(info, self.person_id)


@strawberry.type(description="A champion of a skill: high level and high influence/sharing.")
class Champion:
    run_id: strawberry.ID
    person_id: strawberry.Private[str]
    skill_id: str
    rank: int
    score: float
    level: int
    influence: float
    sharing: float

    @classmethod
    def from_record(cls, run_id: str, r: dict[str, Any]) -> Self:
        return cls(
            run_id=strawberry.ID(run_id),
            person_id=r["person"],
            skill_id=r["skill"],
            rank=r["rank"],
            score=r["score"],
            level=r["level"],
            influence=r["influence"],
            sharing=r["sharing"],
        )

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return await _person(info, self.person_id)


@strawberry.type(description="How a team's numbers moved since the previous run.")
class TeamChange:
    previous_run_id: strawberry.ID
    ei_index: float | None
    external_tie_share: float | None
    openness: float | None
    was_isolated: bool | None


@strawberry.type(description="A team's tie structure and isolation verdict in one run.")
class TeamHealth:
    run_id: strawberry.ID
    team_id: strawberry.Private[str]
    size: int
    ei_index: float | None = strawberry.field(description="Krackhardt & Stern E-I index.")
    expected_ei_index: float | None = strawberry.field(
        description="The E-I index random mixing would give a team of this size."
    )
    external_tie_share: float | None
    expected_external_tie_share: float | None
    openness: float | None = strawberry.field(
        description="externalTieShare / expectedExternalTieShare (1: as open as random mixing)."
    )
    density: float
    teams_reached: int
    k_core: int
    isolated: bool
    isolation_rank: int | None
    reasons: list[str]
    community_count: int
    dominant_community_share: float | None
    change: TeamChange | None

    @classmethod
    def from_record(cls, run_id: str, r: dict[str, Any]) -> Self:
        previous = r.get("previousRunId")
        return cls(
            run_id=strawberry.ID(run_id),
            team_id=r["id"],
            size=r["size"],
            ei_index=r.get("eiIndex"),
            expected_ei_index=r.get("expectedEiIndex"),
            external_tie_share=r.get("externalShare"),
            expected_external_tie_share=r.get("expectedExternalShare"),
            openness=r.get("openness"),
            density=r["density"],
            teams_reached=r["teamsReached"],
            k_core=r["kCore"],
            isolated=r["isolated"],
            isolation_rank=r.get("isolationRank"),
            reasons=list(r.get("reasons") or []),
            community_count=r.get("communities", 0),
            dominant_community_share=r.get("dominantCommunityShare"),
            change=None
            if previous is None
            else TeamChange(
                previous_run_id=strawberry.ID(previous),
                ei_index=r.get("eiIndexChange"),
                external_tie_share=r.get("externalShareChange"),
                openness=r.get("opennessChange"),
                was_isolated=r.get("wasIsolated"),
            ),
        )

    @strawberry.field
    async def team(self, info: Info) -> Team | None:
        return await _team(info, self.team_id)


RunArg = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="An analysis run's id; the latest complete run if null."),
]


async def _run_id(info: Info, run_id: str | None) -> str | None:
    run = await community.run_of(info.context, run_id)
    return None if run is None else str(run["id"])


@strawberry.type
class Query:
    @strawberry.field(description="Organisation health in a run (the latest if no runId).")
    async def community_health(self, info: Info, run_id: RunArg = None) -> CommunityHealth | None:
        run = await community.run_of(info.context, run_id)
        return None if run is None else CommunityHealth.from_record(run)

    @strawberry.field(description="Complete analysis runs, newest first: the trend.")
    async def community_health_runs(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[CommunityHealth]:
        page = page_args(first, after)
        rows, total = await analysis_runs.page_runs(
            info.context.db, limit=page.limit, after=page.after
        )
        return connection(rows, page, total, CommunityHealth.from_record, lambda r: r["id"])

    @strawberry.field(
        description="Culture leaders, best first; with teamId, its people and sub-teams' only."
    )
    async def culture_leaders(
        self,
        info: Info,
        team_id: strawberry.ID | None = None,
        first: int = 10,
        run_id: RunArg = None,
    ) -> list[CultureLeader] | None:
        run = await community.person_run_id(info.context, run_id)
        if run is None:
            return []
        team = None if team_id is None else entity_key(team_id, "Team")
        rows = await analysis_runs.culture_leaders(
            info.context.db, run, limit=community.limit(first), team=team
        )
        return [CultureLeader.from_record(run, r) for r in rows]

    @strawberry.field(description="Champions of a skill, best first.")
    async def champions(
        self, info: Info, skill_id: strawberry.ID, first: int = 10, run_id: RunArg = None
    ) -> list[Champion] | None:
        run = await community.person_run_id(info.context, run_id)
        if run is None:
            return []
        rows = await analysis_runs.champions(
            info.context.db, run, entity_key(skill_id, "Skill"), limit=community.limit(first)
        )
        return [Champion.from_record(run, r) for r in rows]

    @strawberry.field(description="Brokers, highest betweenness first.")
    async def brokers(
        self, info: Info, first: int = 10, run_id: RunArg = None
    ) -> list[Broker] | None:
        run = await community.person_run_id(info.context, run_id)
        if run is None:
            return []
        rows = await analysis_runs.brokers(info.context.db, run, limit=community.limit(first))
        return [Broker.from_record(run, r) for r in rows]

    @strawberry.field(description="Isolated teams, most isolated first, with the reasons.")
    async def isolated_teams(
        self, info: Info, first: int = 100, run_id: RunArg = None
    ) -> list[TeamHealth] | None:
        run = await _run_id(info, run_id)
        if run is None:
            return []
        rows = await analysis_runs.isolated_teams(
            info.context.db, run, limit=community.limit(first)
        )
        return [TeamHealth.from_record(run, r) for r in rows]

    @strawberry.field(description="People with no or very weak ties, weakest first.")
    async def isolated_people(
        self, info: Info, first: int = 10, run_id: RunArg = None
    ) -> list[PersonNetwork] | None:
        run = await community.person_run_id(info.context, run_id)
        if run is None:
            return []
        rows = await analysis_runs.isolated_people(
            info.context.db, run, limit=community.limit(first)
        )
        return [PersonNetwork.from_record(run, r) for r in rows]

    @strawberry.field(description="A person's network metrics.")
    async def person_network(
        self, info: Info, person_id: strawberry.ID, run_id: RunArg = None
    ) -> PersonNetwork | None:
        run = await community.person_run_id(info.context, run_id)
        if run is None:
            return None
        [row] = await analysis_runs.person_metrics(
            info.context.db, run, [entity_key(person_id, "Person")]
        )
        return None if row is None else PersonNetwork.from_record(run, row)

    @strawberry.field(description="A team's network metrics and isolation verdict.")
    async def team_health(
        self, info: Info, team_id: strawberry.ID, run_id: RunArg = None
    ) -> TeamHealth | None:
        run = await _run_id(info, run_id)
        if run is None:
            return None
        [row] = await analysis_runs.team_metrics(
            info.context.db, run, [entity_key(team_id, "Team")]
        )
        return None if row is None else TeamHealth.from_record(run, row)

    @strawberry.field(
        description="A team's numbers in the latest runs, newest first. Null, with a "
        "SUPPRESSED error, for a team below the minimum group size."
    )
    async def team_health_trend(
        self, info: Info, team_id: strawberry.ID, first: int = 10
    ) -> list[TeamHealth] | None:
        rows = await analysis_runs.team_trend(
            info.context.db, entity_key(team_id, "Team"), limit=community.limit(first)
        )
        return [TeamHealth.from_record(r["run"], r) for r in rows]


@strawberry.enum
class RunCommunityAnalysisErrorCode(enum.Enum):
    ALREADY_RUNNING = "already_running"
    INVALID = "invalid"


@strawberry.type
class RunCommunityAnalysisError:
    field: str | None
    message: str
    code: RunCommunityAnalysisErrorCode


@strawberry.type
class RunCommunityAnalysisPayload:
    run: CommunityHealth


@strawberry.input
class RunCommunityAnalysisInput:
    seed: int | None = None
    exact_betweenness_up_to: int | None = None
    betweenness_samples: int | None = None
    follow_weight: float | None = None
    co_use_weight: float | None = strawberry.field(
        default=None,
        description="Tie weight each content item two people both completed adds (0: none).",
    )
    co_use_max_audience: int | None = strawberry.field(
        default=None,
        description="Items completed by more people than this add no co-use ties.",
    )


RunCommunityAnalysisResult = Annotated[
    RunCommunityAnalysisPayload | RunCommunityAnalysisError,
    strawberry.union("RunCommunityAnalysisResult"),
]


def _overrides(data: RunCommunityAnalysisInput) -> dict[str, Any] | RunCommunityAnalysisError:
    checks = (
        ("seed", data.seed, None),
        ("exactBetweennessUpTo", data.exact_betweenness_up_to, 0),
        ("betweennessSamples", data.betweenness_samples, 1),
        ("followWeight", data.follow_weight, 0),
        ("coUseWeight", data.co_use_weight, 0),
        ("coUseMaxAudience", data.co_use_max_audience, 2),
    )
    for name, value, lowest in checks:
        if value is not None and lowest is not None and value < lowest:
            return RunCommunityAnalysisError(
                field=name,
                message=f"{name} must be at least {lowest}, got {value}",
                code=RunCommunityAnalysisErrorCode.INVALID,
            )
    values = {
        "seed": data.seed,
        "exact_betweenness_up_to": data.exact_betweenness_up_to,
        "betweenness_samples": data.betweenness_samples,
        "follow_weight": data.follow_weight,
        "co_use_weight": data.co_use_weight,
        "co_use_max_audience": data.co_use_max_audience,
    }
    return {k: v for k, v in values.items() if v is not None}


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Run the community-health analysis now and return the new run (for "
        "admins; large organisations are better analysed with `skillgraph analyze`)."
    )
    async def run_community_analysis(
        self, info: Info, input: RunCommunityAnalysisInput | None = None
    ) -> RunCommunityAnalysisResult:
        overrides = _overrides(input or RunCommunityAnalysisInput())
        if isinstance(overrides, RunCommunityAnalysisError):
            return overrides
        try:
            run = await community.start_analysis(info.context, **overrides)
        except analysis_runs.AnalysisBusy as e:
            return RunCommunityAnalysisError(
                field=None, message=str(e), code=RunCommunityAnalysisErrorCode.ALREADY_RUNNING
            )
        return RunCommunityAnalysisPayload(run=CommunityHealth.from_record(run))
