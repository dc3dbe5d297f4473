"""``python -m archiver.demo [--port N] [--seed S] [--recent] [--delay SEC] [--etags]``: serve the demo blog.

``--recent`` dates the newest post two days ago (so re-visits of young posts can be
tried), ``--delay`` slows every answer, ``--etags`` adds ETags and 304 answers.

Prints the base URL on the first line of stdout (port 0 picks a free port), so a script
can start it and read where it listens.
"""

from __future__ import annotations

import argparse
import threading
from datetime import UTC, datetime, timedelta

from archiver.demo import build_site, serve_demo


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m archiver.demo", description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=2011)
    parser.add_argument("--posts", type=int, default=12)
    parser.add_argument("--comments", type=int, default=60)
    parser.add_argument("--recent", action="store_true", help="newest post two days old instead of 2011")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds each answer waits")
    parser.add_argument("--etags", action="store_true", help="ETag on every page, 304 when it matches")
    args = parser.parse_args(argv)
    newest = datetime.now(UTC) - timedelta(days=2) if args.recent else None
    model = build_site(seed=args.seed, posts=args.posts, comments=args.comments, newest=newest)
    with serve_demo(model, port=args.port, delay=args.delay, validators=args.etags) as demo:
        print(demo.url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
