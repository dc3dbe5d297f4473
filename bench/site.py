"""Write the synthetic blog to a folder of static files, with a manifest of what it holds.

``python -m bench.site --posts 5000 --out bench/work/site-5000`` writes about 10,000 pages
(posts, comment pages, home/category/tag/month archives, feed) and ``bench-site.json``, the
manifest the benchmark checks crawls against. ``--site unseen`` writes the same plan as
the second site, a newspaper whose markup the parsers were not written for
(:mod:`bench.unseen`). Add ``--serve`` to serve the folder on 127.0.0.1 afterwards. A
folder whose manifest matches the flags is reused, not rewritten.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

from bench.markup import AUTHOR_PATHS, STATIC_PAGES, Renderer
from bench.plan import SitePlan, plan_site
from bench.server import query_index

MANIFEST = "bench-site.json"
GENERATOR_VERSION = 2
UNSEEN_VERSION = 1
SITES = ("wordpress", "unseen")
# Post and comment pages by URL (path and query), for the bare crawl's count of them.
POST_PAGE_PATTERNS = {
    "wordpress": r"^/\d{4}/\d{2}/\d{2}/[^/]+/(?:comment-page-\d+/)?$",
    "unseen": r"^/[a-z-]+/\d{4}/\d{2}/\d{2}/[^/?]+/(?:\?cpage=\d+)?$",
}


@dataclass(frozen=True)
class Site:
    """A generated site on disk and the facts about it the benchmark needs."""

    root: Path
    manifest: dict

    @property
    def post_pages(self) -> list[str]:
        """Paths of every post page and comment page: what a full archive must fetch."""
        return self.manifest["post_pages"]

    @property
    def all_pages(self) -> list[str]:
        return self.manifest["post_pages"] + self.manifest["other_pages"]

    @property
    def kind(self) -> str:
        """Which site this is: "wordpress" (the first) or "unseen" (the newspaper of :mod:`bench.unseen`)."""
        return self.manifest.get("site", "wordpress")

    @property
    def post_page_pattern(self) -> str:
        return POST_PAGE_PATTERNS[self.kind]

    def file_for(self, page: str) -> Path:
        """The file that holds the page at ``page`` (a path, with ``?query`` on the second site)."""
        path, _, query = page.partition("?")
        return self.root / path.strip("/") / (query_index(query) if query else "index.html")


def _write(root: Path, path: str, text: str, name: str = "index.html") -> int:
    path, _, query = path.partition("?")
    if query:
        name = query_index(query)
    folder = root / path.strip("/")
    folder.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    (folder / name).write_bytes(data)
    return len(data)


def _robots(plan: SitePlan) -> str:
    return "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: /wp-sitemap.xml\n"


def _sitemaps(root: Path, plan: SitePlan) -> None:
    """WordPress core sitemaps: an index and up to 2,000 post URLs per sitemap."""
    chunks = [plan.posts[i : i + 2000] for i in range(0, len(plan.posts), 2000)] or [[]]
    index = "".join(f"<sitemap><loc>/wp-sitemap-posts-post-{n}.xml</loc></sitemap>" for n in range(1, len(chunks) + 1))
    header = '<?xml version="1.0" encoding="UTF-8"?>\n'
    (root / "wp-sitemap.xml").write_text(
        f'{header}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>\n'
    )
    for n, chunk in enumerate(chunks, 1):
        urls = "".join(f"<url><loc>{p.path}</loc></url>\n" for p in chunk)
        (root / f"wp-sitemap-posts-post-{n}.xml").write_text(
            f'{header}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
        )


def generate(root: Path, posts: int, seed: int = 1, site: str = "wordpress") -> Site:
    """Write the site for ``posts`` into ``root`` (reusing it when it is already there);
    ``site`` is "wordpress" (the first site) or "unseen" (:mod:`bench.unseen`)."""
    if site not in SITES:
        raise ValueError(f"unknown site {site!r}: one of {', '.join(SITES)}")
    manifest_file = root / MANIFEST
    wanted = ({"generator": GENERATOR_VERSION, "posts": posts, "seed": seed} if site == "wordpress"
              else {"generator": UNSEEN_VERSION, "site": site, "posts": posts, "seed": seed})
    if manifest_file.exists():
        manifest = json.loads(manifest_file.read_text())
        if all(manifest.get(k) == v for k, v in wanted.items()) and manifest.get("site", "wordpress") == site:
            return Site(root, manifest)
    if site == "unseen":
        return _generate_unseen(root, wanted)
    started = time.perf_counter()
    root.mkdir(parents=True, exist_ok=True)
    plan = plan_site(posts, seed)
    render = Renderer(plan)
    sizes: list[int] = []
    for post in plan.posts:
        for number in range(1, post.comment_pages + 1):
            sizes.append(_write(root, post.comment_page_path(number), render.post_page(post, number)))
    post_bytes = sum(sizes)
    for listing in plan.listings:
        for number in range(1, listing.pages + 1):
            sizes.append(_write(root, listing.page_path(number), render.listing_page(listing, number)))
    for path, title in STATIC_PAGES.items():
        sizes.append(_write(root, path, render.static_page(path, title)))
    for path, author in AUTHOR_PATHS.items():
        sizes.append(_write(root, path, render.author_page(author)))
    _write(root, "/feed/", render.feed(), name="index.xml")
    (root / "robots.txt").write_text(_robots(plan))
    _sitemaps(root, plan)
    post_pages = plan.post_page_paths()
    manifest = {
        **wanted,
        "comments": plan.total_comments,
        "post_pages": post_pages,
        "other_pages": plan.listing_page_paths() + list(STATIC_PAGES) + list(AUTHOR_PATHS),
        "html_bytes": sum(sizes),
        "post_page_mean_bytes": post_bytes // max(1, len(post_pages)),
        "generate_seconds": round(time.perf_counter() - started, 2),
    }
    manifest_file.write_text(json.dumps(manifest))
    return Site(root, manifest)


def _generate_unseen(root: Path, wanted: dict) -> Site:
    from bench.unseen import UnseenRenderer

    started = time.perf_counter()
    root.mkdir(parents=True, exist_ok=True)
    plan = plan_site(wanted["posts"], wanted["seed"])
    render = UnseenRenderer(plan)
    post_bytes = other_bytes = 0
    post_pages: list[str] = []
    other_pages: list[str] = []
    for path, html, story in render.pages():
        size = _write(root, path, html)
        if story:
            post_bytes += size
            post_pages.append(path)
        else:
            other_bytes += size
            other_pages.append(path)
    (root / "rss.xml").write_text(render.feed())
    (root / "sitemap.xml").write_text(render.sitemap())
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /comments/submit/\nDisallow: /search/\n\n"
                                     "Sitemap: /sitemap.xml\n")
    manifest = {
        **wanted,
        "comments": plan.total_comments,
        "post_pages": post_pages,
        "other_pages": other_pages,
        "html_bytes": post_bytes + other_bytes,
        "post_page_mean_bytes": post_bytes // max(1, len(post_pages)),
        "generate_seconds": round(time.perf_counter() - started, 2),
    }
    (root / MANIFEST).write_text(json.dumps(manifest))
    return Site(root, manifest)


def describe(site: Site) -> str:
    m = site.manifest
    pages = len(site.all_pages)
    return (
        f"{m['posts']} posts, {m['comments']} comments, {len(site.post_pages)} post+comment pages, "
        f"{pages} HTML pages, {m['html_bytes'] / 2**20:.0f} MiB (mean {m['html_bytes'] / max(1, pages) / 1024:.0f} KiB/page)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.site", description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--site", choices=SITES, default="wordpress",
                        help="wordpress (the first site, default) or unseen (the newspaper of bench/unseen.py)")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder (default bench/work/site-<posts>, unseen-<posts> for --site unseen)")
    parser.add_argument("--serve", action="store_true", help="serve the folder on 127.0.0.1 until interrupted")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    folder = "site" if args.site == "wordpress" else args.site
    out = args.out or Path(__file__).parent / "work" / f"{folder}-{args.posts}"
    site = generate(out, args.posts, args.seed, args.site)
    print(f"{out}: {describe(site)}")
    if args.serve:
        from bench.server import serve_forever

        serve_forever(out, args.port)


if __name__ == "__main__":
    main()
