"""``python -m bench``: measure every figure against its same-run baseline and write the results.

    python -m bench                      # 5,000 posts, 3 repetitions (long)
    python -m bench --posts 1000         # a shorter run
    python -m bench --posts 20 --quick   # a smoke run: 1 repetition, small samples
    python -m bench --unseen-repeat 3    # the second site's crawl ratio as a median of 3 too

Prints the table and writes ``bench/RESULTS.md`` (and ``RESULTS.json``). Generated sites
and crawl outputs go to ``bench/work/`` (git-ignored) and are reused between runs.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from bench.report import table
from bench.runner import Options, run

BENCH = Path(__file__).resolve().parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000, help="posts in the site (default 5000)")
    parser.add_argument("--small-posts", type=int, default=None,
                        help="posts of the smaller site for the memory ratio (default posts/5)")
    parser.add_argument("--repeat", type=int, default=None, help="repetitions, medians reported (default 3; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="one repetition and small samples: checks the harness")
    parser.add_argument("--work", type=Path, default=BENCH / "work", help="scratch folder (default bench/work)")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md", help="results file (default bench/RESULTS.md)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before one crawl is killed")
    parser.add_argument("--unseen-repeat", type=int, default=1,
                        help="bare and full crawls of the second site (default 1; 0 skips them)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    shown = ["python", "-m", "bench", *(sys.argv[1:] if argv is None else argv)]
    options = Options(
        posts=args.posts,
        small_posts=args.small_posts or max(1, args.posts // 5),
        repeat=args.repeat or (1 if args.quick else 3),
        quick=args.quick,
        work=args.work,
        timeout=args.timeout,
        command=shlex.join(shown),
        log=lambda line: print(line, file=sys.stderr, flush=True),
        unseen_repeat=args.unseen_repeat,
    )
    report = run(options)
    print(table(report.rows))
    report.write(args.results)
    print(f"\nwritten: {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
