"""Faster searches give exactly what the searches they replace gave.

parse_page takes a few shortcuts for speed: a page-wide regex split in two, an XPath over
every element answered from the class index, a remembered line. Each must select the
same things as the plain form, on real pages and on made-up edge cases (spaces XPath
does not know, digits \\d knows, overlapping timestamps).
"""

from __future__ import annotations

import gzip
import random
import re
from pathlib import Path

import lxml.html
import pytest

from archiver.page import Page
from archiver.parsers import parse_page
from archiver.parsers.memo import reading_page, tree_changed
from archiver.parsers.postdate import _machine_stamps
from archiver.parsers.scope import _POST_CANDIDATES, _post_candidates
from archiver.parsers.text import inline_text
from archiver.parsers.wordpress import _WP_MARKERS

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
_MACHINE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})")
_WP_MARKER = re.compile(rb"wp-content|wp-includes|comment-reply|[Ww]ord[Pp]ress")


def _same(found: list, expected: list) -> bool:
    """The same elements in the same order (both lists alive: an element's proxy, and so
    its id, may change once no list holds it)."""
    return len(found) == len(expected) and all(a is b for a, b in zip(found, expected))


def _corpus() -> list[bytes]:
    return [gzip.decompress(path.read_bytes()) for path in sorted(CORPUS.glob("*.html.gz"))]


def test_post_candidates_match_the_xpath_on_the_corpus() -> None:
    for body in _corpus():
        tree = Page("http://example.org/", body).tree
        assert _same(_post_candidates(tree), _POST_CANDIDATES(tree))


@pytest.mark.parametrize("classes", ["hentry", "x hentry", "hentry\u00a0x", "x\u2003hentry", "hentry\ttype-post",
                                     "hentryx", "type-post\x0bx"])
def test_post_candidates_split_classes_as_xpath_does(classes: str) -> None:
    tree = lxml.html.fromstring(f'<html><body><div class="{classes}"><h1>T</h1></div>'
                                f'<div id="comments"><div class="hentry">c</div></div></body></html>')
    assert _same(_post_candidates(tree), _POST_CANDIDATES(tree))


def test_machine_stamps_are_the_regex_matches() -> None:
    rng = random.Random(7)
    alphabet = "0123456789-T :+Z.x\u0663"
    seeds = ("2019-06-19T19:38:08+00:00", "2019-06-19 19:38+0100", "12345-06-19T19:38Z", "2019-06-19T19:38:08.1-05:30")
    for _ in range(20_000):
        text = "".join(
            "".join(c if rng.random() > 0.05 else rng.choice(alphabet) for c in rng.choice(seeds))
            if rng.random() < 0.5 else "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
            for _ in range(rng.randint(1, 6))
        )
        end = rng.randint(0, len(text) + 2)
        assert list(_machine_stamps(text, end)) == [m.group(0) for m in _MACHINE.finditer(text, 0, end)]


def test_wordpress_markers_are_the_regex() -> None:
    for body in [*_corpus(), b"x" * 10 + b"WordPress", b"wordpress", b"Wordpress"[:-1], b"a" * 199_995 + b"wp-content"]:
        assert any(body.find(m, 0, 200_000) >= 0 for m in _WP_MARKERS) == bool(_WP_MARKER.search(body, 0, 200_000))


def test_lines_are_read_again_after_the_tree_changes() -> None:
    tree = lxml.html.fromstring("<div><p>one</p><p>two</p></div>")
    with reading_page():
        assert inline_text(tree) == "one two"
        tree.remove(tree[1])
        tree_changed()
        assert inline_text(tree) == "one"


def test_parsing_twice_gives_the_same_result() -> None:
    body = gzip.decompress(next(iter(sorted(CORPUS.glob("*.html.gz")))).read_bytes())
    first, second = (parse_page(Page("http://example.org/post", body)) for _ in range(2))
    assert first.article.to_dict() == second.article.to_dict()
    assert [c.to_dict() for c in first.comments] == [c.to_dict() for c in second.comments]


def test_comment_links_match_the_xpath_on_the_corpus() -> None:
    from archiver.parsers.postdate import _COMMENT_LINKS, comment_links

    pages = [*_corpus(), b'<html><body><a href="#comments">1</a><a href="#comment">2</a><a href="x#respond">3</a>'
             b'<a href="#respond ">4</a><a href="/p/#comments">5</a><a href="#comments">6</a></body></html>']
    for body in pages:
        tree = Page("http://example.org/", body).tree
        assert _same(comment_links(tree), _COMMENT_LINKS(tree)[:3])


def test_machine_dates_match_the_xpath_on_the_corpus() -> None:
    from archiver.parsers.postdate import _MACHINE_DATES, machine_dates

    pages = [*_corpus(), b'<html><body><abbr title="">a</abbr><abbr>b</abbr><time datetime="2020-01-01">c</time>'
             b'<time>d</time><span itemprop="datePublished" content="x">e</span><time itemprop="datePublished" '
             b'datetime="y">f</time><b itemprop="datePublished">g</b>'
             b'<span itemprop="datePublished dateCreated" content="z">h</span></body></html>']
    for body in pages:
        tree = Page("http://example.org/", body).tree
        assert _same(machine_dates(tree), _MACHINE_DATES(tree))
