"""Whatever bytes arrive, extraction returns items and the CLI answers in one line.

Hypothesis feeds random bytes and randomly broken blog markup (unclosed and misnested
tags, deep nesting, NUL and control bytes, comment markup out of place, odd encodings
with wrong declarations) to ``parse_page`` and to ``archiver parse``. About a hundred
examples in all, so the file runs in seconds.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiver.cli import cli
from archiver.page import Page
from archiver.parsers import parse_page
from archiver.validation import schema_errors

FRAGMENTS = [
    "<html>", "<head>", "<body>", "</body>", "<div>", "</div>", "<p>", "</p>", "<article class='post hentry'>",
    "<h1 class='entry-title'>", "</h1>", "<h2>", "<title>T | Site</title>", "<ol class='commentlist'>",
    "<ol class='comment-list'>", "</ol>", "<ul class='children'>", "</ul>", "<li id='comment-1' class='comment'>",
    "<li id='comment-2' class='comment depth-2'>", "<li class='pingback'>", "</li>", "<dl id='comment_list'>",
    "<dt class='comment' id='comment-3'>", "<dd>", "<div class='comment-author vcard'><cite class='fn'>",
    "</cite>", "<time datetime='2020-02-30T99:00'>", "<time datetime='2019-06-19'>", "</time>",
    "<abbr class='published' title='x'>", "<div class='comment-content'>", "<span class='comment_time'>",
    "<a href='comment-page-2/'>", "<a href='javascript:alert(1)'>", "<a href='http://[::1'>", "</a>",
    "<script type='application/ld+json'>{\"@type\": \"Article\", \"datePublished\": [", "</script>",
    "<meta charset='shift_jis'>", "<meta charset='utf-16'>", "<meta property='article:tag' content=',,,'>",
    "<img class='emoji' alt='\U0001f600'>", "<br>", "<!--", "-->", "<![CDATA[", "&#0;", "&#xD800;", "&bogus;",
    "\x00", "\x0b", "\ufeff", "\u202e", "Jun 20th at 2:41 am", "31. Februar 2010 um 25:61", "38 comments",
    "soundoff (5 Responses)", "One thought on", "Older Comments", "\u00e9\u00e8", "\u4e2d\u6587", " ",
]
ENCODINGS = ["utf-8", "utf-16", "cp1252", "latin-1", "shift_jis", "gb18030", "koi8-r"]


AREAS = ["<div id='comments'>", "<ol class='commentlist'>", "<ol class='comment-list'>", "<dl id='comment_list'>",
         "<section id='comments'><ol class='hfeed'>", "<div class='comments-area'>"]
ENTRIES = ["<li id='comment-{n}' class='comment depth-{d}'>", "<li class='comment'>", "<article id='div-comment-{n}'>",
           "<dt class='comment' id='comment-{n}'>", "<li class='pingback' id='comment-{n}'>", "<div class='comment'>",
           "<li id='comment-{n}' class='comment hentry'>", "<ul class='children'>", "<ol class='children'>"]


@st.composite
def broken_html(draw: st.DrawFn) -> bytes:
    """A blog page skeleton with a comment area whose entries are random, broken markup."""
    fragment = st.sampled_from(FRAGMENTS) | st.text(max_size=20)
    head = draw(st.lists(fragment, max_size=20))
    entries = []
    for _ in range(draw(st.integers(0, 12))):
        opener = draw(st.sampled_from(ENTRIES)).format(n=draw(st.integers(1, 6)), d=draw(st.integers(1, 4)))
        entries.append(opener + "".join(draw(st.lists(fragment, max_size=8))) + draw(st.sampled_from(["</li>", ""])))
    depth = draw(st.integers(min_value=0, max_value=300))
    text = (
        "<div>" * depth + "".join(head) + draw(st.sampled_from(AREAS)) + "".join(entries)
        + "</span>" * draw(st.integers(0, 5))
    )
    encoding = draw(st.sampled_from(ENCODINGS))
    body = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # a declaration that may well be wrong
        body = f"<meta charset='{draw(st.sampled_from(ENCODINGS))}'>".encode("ascii") + body
    return body


def check_result(body: bytes) -> None:
    result = parse_page(Page(url="https://blog.example.org/p/", body=body))
    assert result.article is not None
    for item in result.items():
        json.dumps(item.to_dict(), ensure_ascii=False)  # every item is serialisable
        assert schema_errors(item.to_dict()) == []
    ids = [c.id for c in result.comments]
    assert len(ids) == len(set(ids))
    known = set(ids)
    assert all(c.parent_id is None or c.parent_id in known for c in result.comments)
    assert [c.position for c in result.comments] == list(range(1, len(ids) + 1))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(body: bytes) -> None:
    check_result(body)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(broken_html())
def test_broken_markup_never_raises(body: bytes) -> None:
    check_result(body)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=2000) | broken_html())
def test_cli_answers_in_one_line(tmp_path: Path, body: bytes) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(body)
    result = CliRunner().invoke(cli, ["parse", str(page), "--url", "https://blog.example.org/p/"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 0:
        lines = result.stdout.splitlines()
        assert json.loads(lines[0])["type"] == "article"
        assert all(json.loads(line)["type"] == "comment" for line in lines[1:])
    else:
        errors = [line for line in result.stderr.splitlines() if line.startswith("archiver: error:")]
        assert len(errors) == 1 and result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_cli_rejects_binary_and_missing_input_in_one_line(tmp_path: Path) -> None:
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    for target in (str(pdf), str(tmp_path / "missing.html"), str(tmp_path)):
        result = CliRunner().invoke(cli, ["parse", target])
        assert result.exit_code != 0
        assert result.stderr.startswith("archiver: error: ") and result.stderr.count("\n") == 1, result.stderr
