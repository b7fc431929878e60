"""``skillgraph analyze``: run the community-health analysis and record it as a run."""

from __future__ import annotations

import argparse
from typing import Any

from tqdm import tqdm

from analysis.job import JOB_STAGES, RunReport, run_analysis
from analysis.model import Parameters
from graph.db import Database
from skillgraph.commands._common import settings, with_database

_SHOWN = (
    ("people", "people"),
    ("ties", "ties"),
    ("algorithm", "communities by"),
    ("communityCount", "communities"),
    ("modularity", "modularity"),
    ("giantComponentShare", "giant component share"),
    ("density", "density"),
    ("crossTeamTieRatio", "cross-team tie ratio"),
    ("isolatedTeams", "isolated teams"),
    ("brokers", "brokers"),
    ("isolatedPeople", "isolated people"),
    ("betweennessSamples", "betweenness sources sampled"),
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    defaults = Parameters()
    parser = sub.add_parser(
        "analyze", help="compute community health (communities, leaders, brokers, isolation)"
    )
    parser.add_argument("--seed", type=int, default=defaults.seed, help="random seed")
    parser.add_argument(
        "--exact-betweenness-up-to",
        type=int,
        default=defaults.exact_betweenness_up_to,
        help="largest organisation (people) whose betweenness is exact",
    )
    parser.add_argument(
        "--betweenness-samples",
        type=int,
        default=defaults.betweenness_samples,
        help="sources sampled for betweenness above that size",
    )
    parser.add_argument(
        "--follow-weight",
        type=float,
        default=defaults.follow_weight,
        help="tie weight a FOLLOWS relationship adds (0: follows are not ties)",
    )
    parser.add_argument(
        "--co-use-weight",
        type=float,
        default=defaults.co_use_weight,
        help="tie weight each content item two people both completed adds (0: none)",
    )
    parser.add_argument(
        "--co-use-max-audience",
        type=int,
        default=defaults.co_use_max_audience,
        help="content completed by more people than this adds no co-use ties",
    )
    parser.add_argument(
        "--keep-person-results",
        type=int,
        default=None,
        metavar="RUNS",
        help="keep per-person results of the latest RUNS complete runs, delete older runs' "
        "(0: keep all; default SKILLGRAPH_KEEP_PERSON_RESULTS, 12)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run)


def _params(args: argparse.Namespace, backend: str) -> Parameters:
    if args.exact_betweenness_up_to < 0 or args.betweenness_samples < 1:
        raise SystemExit(
            "skillgraph analyze: --exact-betweenness-up-to must be >= 0 and "
            "--betweenness-samples >= 1"
        )
    if args.follow_weight < 0:
        raise SystemExit("skillgraph analyze: --follow-weight must be >= 0")
    if args.co_use_weight < 0 or args.co_use_max_audience < 2:
        raise SystemExit(
            "skillgraph analyze: --co-use-weight must be >= 0 and --co-use-max-audience >= 2"
        )
    return Parameters(
        seed=args.seed,
        exact_betweenness_up_to=args.exact_betweenness_up_to,
        betweenness_samples=args.betweenness_samples,
        follow_weight=args.follow_weight,
        co_use_weight=args.co_use_weight,
        co_use_max_audience=args.co_use_max_audience,
        backend=backend,
    )


def _format(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return "-" if value is None else str(value)


def run(args: argparse.Namespace) -> int:
    config = settings()
    params = _params(args, config.nx_backend)
    keep = (
        config.keep_person_results if args.keep_person_results is None else args.keep_person_results
    )
    if keep < 0:
        raise SystemExit("skillgraph analyze: --keep-person-results must be >= 0")
    bar = tqdm(total=len(JOB_STAGES), unit="stage", disable=args.quiet, leave=False)

    stages = len(JOB_STAGES)

    def progress(stage: str) -> None:  # a stage starts: the ones before it are done
        bar.set_description(stage)
        bar.update(JOB_STAGES.index(stage) - bar.n)

    async def work(db: Database) -> RunReport:
        return await run_analysis(db, params, progress=progress, keep_person_results=keep)

    try:
        report = with_database(work, config)
        bar.update(stages - bar.n)
    finally:
        bar.close()
    print(f"analysis run {report.run_id} complete ({report.rows} rows written)")
    for key, label in _SHOWN:
        print(f"  {label}: {_format(report.summary.get(key))}")
    print("  seconds per stage: " + ", ".join(f"{k} {v:.2f}" for k, v in report.durations.items()))
    if report.pruned:
        print(
            f"  per-person results deleted from {len(report.pruned)} older run(s) "
            f"(keeping the latest {keep}): {', '.join(report.pruned)}"
        )
    return 0
