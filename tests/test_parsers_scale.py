"""A very large, very deep thread is read completely and correctly.

The page is generated here: 5,000 comments in chains of replies 50 deep. Comment
extraction once scaled with the square of the thread depth (every comment searched its
whole reply subtree); the thread below would then take minutes. The test asserts what is
read, not how fast; the pytest timeout catches a relapse into quadratic time.
"""

from __future__ import annotations

import pytest

from archiver.page import Page
from archiver.parsers import parse_page

COMMENTS = 5000
DEPTH = 50


def _comment(cid: int, depth: int) -> str:
    return (
        f'<li id="li-comment-{cid}" class="comment depth-{depth}">'
        f'<article id="div-comment-{cid}" class="comment-body"><footer class="comment-meta">'
        f'<div class="comment-author vcard"><b class="fn">User {cid}</b> <span class="says">says:</span></div>'
        f'<div class="comment-metadata"><time datetime="2020-01-01T10:{cid % 60:02d}:00+00:00">x</time></div>'
        f'</footer><div class="comment-content"><p>Text of comment {cid}</p></div>'
        f'<div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article>'
    )


def build_thread() -> tuple[bytes, list[tuple[str, str | None, int]]]:
    """The page, and the (id, parent id, depth) every comment must come out with."""
    parts = [
        '<html><head><meta name="generator" content="WordPress 6.0"></head><body>'
        '<article class="post"><h1 class="entry-title">A busy post</h1><div class="entry-content">'
        + "".join(f"<p>Paragraph {k} of the post body.</p>" for k in range(10))
        + '</div></article><div id="comments" class="comments-area"><ol class="comment-list">'
    ]
    expected: list[tuple[str, str | None, int]] = []
    cid = 1
    while cid <= COMMENTS:
        chain = min(DEPTH, COMMENTS - cid + 1)
        for depth in range(1, chain + 1):
            expected.append((f"comment-{cid}", f"comment-{cid - 1}" if depth > 1 else None, depth))
            parts.append(_comment(cid, depth))
            if depth < chain:
                parts.append('<ol class="children">')
            cid += 1
        parts.append("</li></ol>" * (chain - 1) + "</li>")
    parts.append("</ol></div></body></html>")
    return "".join(parts).encode(), expected


@pytest.mark.timeout(60)
def test_five_thousand_comments_fifty_deep() -> None:
    body, expected = build_thread()
    result = parse_page(Page(url="https://blog.example.org/busy/", body=body))
    assert len(result.comments) == COMMENTS
    assert [(c.id, c.parent_id, c.depth) for c in result.comments] == expected
    assert max(c.depth for c in result.comments) == DEPTH
    # Each comment's own text and author only, never its replies'.
    assert result.comments[0].text == "Text of comment 1"
    assert result.comments[DEPTH - 1].author == f"User {DEPTH}"
    assert result.comments[-1].text == f"Text of comment {COMMENTS}"
    assert [c.position for c in result.comments] == list(range(1, COMMENTS + 1))
    assert result.article is not None and result.article.title == "A busy post"
    assert result.article.comments_found == COMMENTS
