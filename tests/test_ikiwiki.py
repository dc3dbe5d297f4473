"""The crawler against a real ikiwiki blog: Debian's ``ikiwiki``, the wiki and blog compiler
some free-software blogs run on, renders a small blog with its ``comments`` plugin, and a
``scrapy crawl blog`` from its front page must find every comment as the page shows it.

The markup is ikiwiki's own (``div.comment`` records, a subject line that links to the
comment, "Comment by NAME — DATE" below the text), not written for these tests; the truth
is the comment files the blog was compiled from. CI installs the packages (``.ci/run``;
``libtimedate-perl``, only recommended by ikiwiki, reads the comments' dates); elsewhere
the module skips with the ``apt-get`` line, unless ``ARCHIVER_REQUIRE_IKIWIKI=1`` makes it
fail.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from tests.conftest import CrawlOutput, run_blog_crawl
from tests.servers import serve_in_thread

IKIWIKI = shutil.which("ikiwiki")
if IKIWIKI is None:
    if os.environ.get("ARCHIVER_REQUIRE_IKIWIKI") == "1":
        pytest.fail("ikiwiki is missing: apt-get install ikiwiki libtimedate-perl", pytrace=False)
    pytest.skip("ikiwiki is missing: apt-get install ikiwiki libtimedate-perl", allow_module_level=True)


@dataclass
class Remark:
    """One comment as its source file has it."""

    text: str
    date: str  # UTC, as the file stores it and the blog shows it (the build runs with TZ=UTC)
    nickname: str | None = None  # a signed-in commenter
    claimed: str | None = None  # an anonymous commenter's name ...
    url: str | None = None  # ... and home page
    subject: str | None = None

    @property
    def author(self) -> str:
        return self.nickname or self.claimed or ""


@dataclass
class Entry:
    slug: str
    title: str
    author: str
    tags: list[str]
    remarks: list[Remark] = field(default_factory=list)


ENTRIES = [
    Entry("council-budget", "Council budget passes its second reading", "Ruth Okafor", ["budget", "council"], [
        Remark("Thanks for writing this up. The part about the bridge repairs was news to me.",
               "2011-05-15T16:38:00Z", nickname="dana"),
        Remark("Has anyone asked the mayor's office for the full report? It should be public.\n\n"
               "The [minutes](http://example.net/minutes) only give the totals.",
               "2011-05-15T17:02:00Z", claimed="Tom & Jerry Fan", url="http://example.net/~tom",
               subject="the full report"),
        Remark("Agreed.", "2011-05-16T08:15:00Z", claimed="Siobhán O'Brien"),
    ]),
    Entry("library-hours", "Library hours grow on weekends", "Marek Nowak", ["library"], [
        Remark("Endlich! Samstags bis 18 Uhr ist für Berufstätige ein großer Unterschied.",
               "2011-06-02T09:41:00Z", nickname="jürgen", subject="Öffnungszeiten"),
        Remark("Will the children's reading hour move too, or stay on Friday mornings?",
               "2011-06-02T11:05:00Z", claimed="J. R. Ewing", url="http://example.org/jr"),
    ]),
    Entry("no-comments-yet", "Road works on the bridge start in July", "Ruth Okafor", ["roads"], []),
]


def _comment_file(remark: Remark) -> str:
    fields = [f' nickname="{remark.nickname}"', f' username="{remark.nickname}"'] if remark.nickname else [
        ' ip="192.0.2.7"', f' claimedauthor="{remark.claimed}"'] + ([f' url="{remark.url}"'] if remark.url else [])
    if remark.subject:
        fields.append(f' subject="{remark.subject}"')
    fields.append(f' date="{remark.date}"')
    return "[[!comment format=mdwn\n" + "\n".join(fields) + f'\n content="""\n{remark.text}\n"""]]\n'


def build_blog(root: Path, html: Path, url: str) -> None:
    """The blog's sources written under ``root`` and compiled into ``html`` for ``url``."""
    source = root / "src"
    (source / "posts").mkdir(parents=True)
    (source / "index.mdwn").write_text(
        '[[!inline pages="posts/* and !*/Discussion and !*/comment_*" show="10"]]\n', "utf-8")
    for number, entry in enumerate(ENTRIES, 1):
        (source / "posts" / f"{entry.slug}.mdwn").write_text(
            f'[[!meta title="{entry.title}"]]\n[[!meta author="{entry.author}"]]\n'
            f'[[!meta date="2011-05-{10 + number} 09:30:00"]]\n[[!tag {" ".join(entry.tags)}]]\n\n'
            + "The council met on Tuesday to discuss the plan for the coming year.\n\n" * 3, "utf-8")
        folder = source / "posts" / entry.slug
        folder.mkdir()
        for position, remark in enumerate(entry.remarks, 1):
            text = _comment_file(remark)
            name = f"comment_{position}_{hashlib.md5(text.encode()).hexdigest()}._comment"
            (folder / name).write_text(text, "utf-8")
    command = [IKIWIKI, "--plugin", "comments", "--plugin", "tag", "--plugin", "meta", "--plugin", "inline",
               "--set", "comments_pagespec=posts/* and !*/Discussion", "--set", "comments_allowauthor=1",
               "--set", "tag_autocreate=1", "--set", "tagbase=tags", f"--url={url}/",
               str(source), str(html)]
    done = subprocess.run(command, env={**os.environ, "TZ": "UTC"}, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@dataclass
class Crawled:
    url: str
    output: CrawlOutput

    def article(self, entry: Entry) -> dict:
        found = [a for a in self.output.articles if a["url"].endswith(f"/posts/{entry.slug}/")]
        assert len(found) == 1, f"{entry.slug}: {len(found)} articles; log tail:\n{self.output.log[-1500:]}"
        return found[0]

    def comments(self, entry: Entry) -> list[dict]:
        article_url = self.article(entry)["url"]
        return sorted((c for c in self.output.comments if c["article_url"] == article_url),
                      key=lambda c: c["position"])


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    root = tmp_path_factory.mktemp("ikiwiki")
    html = root / "html"
    html.mkdir()
    with serve_in_thread(functools.partial(_Quiet, directory=str(html))) as url:
        build_blog(root, html, url)
        yield Crawled(url, run_blog_crawl(root / "crawl", f"url={url}/index.html", timeout=300))


def test_the_crawl_finds_every_post_once(crawled: Crawled) -> None:
    assert crawled.output.returncode == 0, crawled.output.log[-2000:]
    for entry in ENTRIES:
        article = crawled.article(entry)
        assert article["title"] == entry.title
        assert article["comments_found"] == len(entry.remarks)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.slug for e in ENTRIES])
def test_every_comment_as_the_page_shows_it(crawled: Crawled, entry: Entry) -> None:
    """Author (a signed-in nickname, or the name an anonymous commenter gave, linked to the
    home page they gave), date, and text without the subject line or the "Comment by" line."""
    found = crawled.comments(entry)
    assert [c["author"] for c in found] == [r.author for r in entry.remarks]
    assert [(c["published"] or "")[:16] for c in found] == [r.date[:16] for r in entry.remarks]
    assert [c["text"] for c in found] == [r.text.replace("[minutes](http://example.net/minutes)", "minutes")
                                          for r in entry.remarks]
    assert [c.get("author_url") for c in found] == [r.url for r in entry.remarks]
    assert all(c["parent_id"] is None for c in found)  # ikiwiki's comments are flat
