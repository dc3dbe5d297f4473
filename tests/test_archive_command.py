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
