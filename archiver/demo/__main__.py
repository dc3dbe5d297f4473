"""``python -m archiver.demo [--port N] [--seed S]``: serve the demo blog until interrupted.

Prints the base URL on the first line of stdout (port 0 picks a free port), so a script
can start it and read where it listens.
"""

from __future__ import annotations

import argparse
import threading

from archiver.demo import build_site, serve_demo


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m archiver.demo", description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=2011)
    parser.add_argument("--posts", type=int, default=12)
    parser.add_argument("--comments", type=int, default=60)
    args = parser.parse_args(argv)
    model = build_site(seed=args.seed, posts=args.posts, comments=args.comments)
    with serve_demo(model, port=args.port) as demo:
        print(demo.url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
