"""Joining one post's comment pages into a single thread (archiver.threads)."""

from __future__ import annotations

import pytest

from archiver.items import Comment, Provenance
from archiver.page import Page
from archiver.parsers import parse_page
from archiver.threads import comment_page_number, number_comments, post_url, stitch

POST = "https://blog.example.org/2019/03/13/post/"


def comments(page_url: str, *ids: str, parents: dict[str, str] | None = None) -> list[Comment]:
    parents = parents or {}
    found = [Comment(id=i, article_url=POST, text=f"text {i}", parent_id=parents.get(i)) for i in ids]
    number_comments(found, article_url=POST, page_url=page_url, provenance=Provenance())
    return found


@pytest.mark.parametrize(
    ("url", "number"),
    [
        (POST, None),
        (POST + "comment-page-2/", 2),
        (POST + "comment-page-12/#comments", 12),
        (POST + "?cpage=3", 3),
        ("https://blog.example.org/?p=5&cpage=4#comments", 4),
    ],
)
def test_comment_page_number(url: str, number: int | None) -> None:
    assert comment_page_number(url) == number


def test_pages_in_reading_order_whatever_the_arrival_order() -> None:
    thread = stitch([
        (POST + "comment-page-2/", comments(POST + "comment-page-2/", "c3", "c4")),
        (POST, comments(POST, "c5", "c6")),
        (POST + "comment-page-1/", comments(POST + "comment-page-1/", "c1", "c2")),
        (POST + "comment-page-3/", comments(POST + "comment-page-3/", "c5", "c6")),
    ])
    assert [c.id for c in thread] == ["c1", "c2", "c3", "c4", "c5", "c6"]
    assert [c.position for c in thread] == [1, 2, 3, 4, 5, 6]
    # The post page repeats the newest page; those comments keep the numbered page's URL.
    assert thread[4].page_url == POST + "comment-page-3/"


def test_reply_keeps_its_parent_on_another_page() -> None:
    thread = stitch([
        (POST + "comment-page-2/", comments(POST + "comment-page-2/", "c3", parents={"c3": "c1"})),
        (POST + "comment-page-1/", comments(POST + "comment-page-1/", "c1", "c2")),
    ])
    assert [(c.id, c.parent_id) for c in thread] == [("c1", None), ("c2", None), ("c3", "c1")]


def test_single_page_thread_is_unchanged() -> None:
    thread = stitch([(POST, comments(POST, "a", "b"))])
    assert [(c.id, c.position, c.page_url) for c in thread] == [("a", 1, POST), ("b", 2, POST)]


def test_stitch_of_parsed_pages() -> None:
    def page(url: str, ids: list[int]) -> tuple[str, list[Comment]]:
        items = "".join(
            f'<li id="comment-{i}" class="comment"><div class="comment-author"><cite class="fn">U{i}</cite></div>'
            f'<div class="comment-content"><p>Comment {i}</p></div></li>' for i in ids
        )
        html = f'<html><head><meta name="generator" content="WordPress"></head><body><ol class="commentlist">{items}</ol></body></html>'
        return url, parse_page(Page(url=url, body=html.encode())).comments

    thread = stitch([page(POST, [5, 6]), page(POST + "comment-page-2/", [3, 4, 5, 6]), page(POST + "comment-page-1/", [1, 2])])
    assert [c.id for c in thread] == [f"comment-{i}" for i in range(1, 7)]
    assert [c.text for c in thread] == [f"Comment {i}" for i in range(1, 7)]


@pytest.mark.parametrize(
    ("url", "post"),
    [
        (POST + "comment-page-2/#comments", POST),
        (POST + "comment-page-2", POST),
        ("https://blog.example.org/?p=5&cpage=4#comments", "https://blog.example.org/?p=5"),
        (POST, POST),
    ],
)
def test_post_url_of_a_comment_page(url: str, post: str) -> None:
    assert post_url(url) == post


def test_comments_of_a_comment_page_belong_to_the_post() -> None:
    html = (
        '<html><head><meta name="generator" content="WordPress"></head><body><ol class="commentlist">'
        '<li id="comment-1" class="comment"><cite class="fn">A</cite><div class="comment-content">x</div></li>'
        "</ol></body></html>"
    )
    result = parse_page(Page(url=POST + "comment-page-2/", body=html.encode()))
    assert result.comments[0].article_url == POST
    assert result.comments[0].page_url == POST + "comment-page-2/"
