"""A crawl of a hand-made blog whose markup marks nothing the way blog engines do: no
``article`` or ``hentry`` entries, no ``og:type``, no dated permalinks, no comment area.
The front page lists its posts as blocks of one shape; each post page is a headline and
text. The listing's links say which pages are posts, and the crawl archives them."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from tests.conftest import run_blog_crawl
from tests.servers import serve_in_thread

POSTS = [("bridge", "Road works on the bridge start in July", "3 June 2011"),
         ("library", "Library hours grow on weekends", "2 June 2011"),
         ("budget", "Council budget passes its second reading", "1 June 2011")]
_PAGE = ("<!DOCTYPE html><html lang='en'><head><title>{title}</title></head><body>"
         "<div class='top'><a href='/'>Home</a> <a href='/about.html'>About this town</a></div>{body}</body></html>")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def test_posts_of_a_blog_without_entry_marks_are_archived(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "notes").mkdir(parents=True)
    entries = "".join(f"<div class='item'><h2><a href='/notes/{slug}.html'>{title}</a></h2><p>{day}: the council "
                      f"met on Tuesday.</p></div>" for slug, title, day in POSTS)
    (site / "index.html").write_text(_PAGE.format(title="Town notes", body=f"<div id='main'>{entries}</div>"), "utf-8")
    for slug, title, day in POSTS:
        body = f"<h1>{title}</h1><p class='when'>Posted {day}</p>" + "<p>The council met on Tuesday.</p>" * 4
        (site / "notes" / f"{slug}.html").write_text(_PAGE.format(title=title, body=body), "utf-8")
    with serve_in_thread(functools.partial(_Quiet, directory=str(site))) as url:
        output = run_blog_crawl(tmp_path / "out", f"url={url}/index.html")
    assert output.returncode == 0, output.log[-2000:]
    assert sorted(a["title"] for a in output.articles) == sorted(title for _, title, _ in POSTS)
    assert output.summary["pages"]["listing"] == 1
