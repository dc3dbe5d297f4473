"""``archiver archive URL`` archives one post with all its comment pages, from any folder."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from archiver.demo import DemoServer

ARCHIVER = Path(sys.executable).parent / "archiver"


def archive(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ARCHIVER), "archive", *args], check=False, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_archives_post_comment_pages_and_robots(demo_site: DemoServer, tmp_path: Path) -> None:
    post = demo_site.model.multi_page_posts()[0]
    before = Counter(demo_site.hits)
    done = archive(demo_site.url + post.path, "--output", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    hits = Counter(demo_site.hits)
    hits.subtract(before)
    pages = len(demo_site.model.comment_pages(post))
    assert +hits == Counter({"/robots.txt": 1, post.path: 1,
                             **{f"{post.path}comment-page-{n}/": 1 for n in range(1, pages + 1)}})
    (folder,) = (tmp_path / "out").iterdir()
    articles = [json.loads(line) for line in (folder / "articles.jsonl").read_text().splitlines()]
    comments = [json.loads(line) for line in (folder / "comments.jsonl").read_text().splitlines()]
    assert [a["title"] for a in articles] == [post.title]
    assert [c["id"] for c in comments] == [c.id for c, _ in post.flat_comments()]
    assert f"1 posts, {post.comment_count} comments" in done.stdout
    assert str(folder) in done.stdout


def test_bad_url_is_one_line_error(tmp_path: Path) -> None:
    done = archive("not a url", cwd=tmp_path)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == ["archiver: error: not an http(s) URL: 'not a url'"]


def test_missing_post_fails_with_reason(demo_site: DemoServer, tmp_path: Path) -> None:
    done = archive(demo_site.url + demo_site.model.missing_path, "-o", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 1
    assert "http_404 1" in done.stderr.strip().splitlines()[-1]


def test_a_post_in_markup_no_classifier_knows_is_archived(tmp_path: Path) -> None:
    """A hand-made post page: no article element, entry class, og:type or comment area,
    and no link to any post. The one page asked for is the post."""
    import functools
    from http.server import SimpleHTTPRequestHandler

    from tests.servers import serve_in_thread

    site = tmp_path / "site"
    (site / "notes").mkdir(parents=True)
    (site / "notes" / "bridge.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>Road works on the bridge</title></head><body>"
        "<div class='top'><a href='/'>Home</a> <a href='/about.html'>About</a></div>"
        "<h1>Road works on the bridge start in July</h1><p class='when'>Posted 3 June 2011 by Ruth Okafor</p>"
        + "<p>The council met on Tuesday to discuss the plan for the coming year.</p>" * 4 + "</body></html>",
        "utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    with serve_in_thread(functools.partial(Quiet, directory=str(site))) as url:
        done = archive(f"{url}/notes/bridge.html", "--output", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (folder,) = (tmp_path / "out").iterdir()
    articles = [json.loads(line) for line in (folder / "articles.jsonl").read_text().splitlines()]
    assert [(a["title"], a["published"]) for a in articles] == [("Road works on the bridge start in July", "2011-06-03")]
