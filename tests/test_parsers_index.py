"""The class/id index and the selector shortcuts built on it give what the XPath they
replace gives, and a plain body container is read without trafilatura."""

from __future__ import annotations

import pytest
from lxml import etree

from archiver.page import Page
from archiver.parsers import body
from archiver.parsers.comments import CommentIndex
from archiver.parsers.scope import PostScope
from archiver.parsers.xpath import (
    Row,
    class_index,
    descendant_steps,
    document_order,
    has_class,
)

HTML = """<html><body class="single postid-7">
<div id="content"><article id="post-7" class="post-7 post hentry">
  <h1 class="entry-title">Title</h1>
  <div class="entry-meta"><span class="byline"><span class="author vcard"><a class="fn">Ann</a></span></span>
    <time class="published" datetime="2020-01-02T03:04:05+00:00">Jan 2</time>
    <meta itemprop="datePublished" content="2020-01-02"><a rel="author" href="/author/ann/">Ann</a></div>
  <div class="entry-content"><p>One two three.</p>
    <div class="entry-meta inner"><time datetime="2020-01-03">x</time></div></div>
</article></div>
<div id="comments" class="comments-area"><h2 class="comments-title">2 comments</h2>
  <ol class="commentlist">
    <li id="comment-1" class="comment"><div class="comment-author vcard"><cite class="fn">Bob</cite></div>
      <div class="comment-content"><p>First</p></div>
      <ul class="children"><li id="comment-2" class="comment"><span class="byline">nested</span>
        <div class="comment-content"><p>Reply</p></div></li></ul></li>
  </ol></div>
<aside id="sidebar"><div class="widget byline"><a class="fn">Widget</a></div></aside>
</body></html>"""


def _page() -> Page:
    return Page(url="https://blog.example.org/2020/01/02/title/", body=HTML.encode())


@pytest.mark.parametrize("path", [
    f"//*[{has_class('entry-meta')} or {has_class('byline')}]//time/@datetime",
    f"//*[{has_class('byline')}]//a",
    f"//h1[{has_class('entry-title')}]",
    f"//*[{has_class('comments-area')}]//*[self::h2 or self::h3][1]",
    "//*[@id='comments']//*[self::h2 or self::h3 or self::h4][1]",
    "//*[@itemprop='datePublished']/@content",
    "//a[@rel='author']",
    "//*[@id='comments'][self::div or self::h2]",
    f"//*[{has_class('comment')}][@id]//p",
])
def test_row_from_index_equals_its_xpath(path: str) -> None:
    tree = _page().tree
    row = Row(path)
    assert row.start or row.attribute is not None  # the shortcut is taken
    expected = etree.XPath(path)(tree)
    assert [str(x) if isinstance(x, str) else x for x in row(tree)] == [
        str(x) if isinstance(x, str) else x for x in expected
    ]


@pytest.mark.parametrize("path", [
    f"//*[{has_class('entry-meta')} or {has_class('byline')}]//time/@datetime",
    "//*[@id='comments']//*[self::h2 or self::h3 or self::h4][1]",
    "(//article | //*[@id='content'])[not(ancestor-or-self::*[@id='comments'])]",
    "//li[@id][2]",
    "//li[position() = 1]//p",
    "//*[contains(@class, 'comment')]/*[last()]",
    ".//*[contains(concat(' ', @class, ' '), ' fn ')]",
    "//a[contains(@href, '//x[1]')]",
])
def test_descendant_steps_select_what_the_original_selects(path: str) -> None:
    tree = _page().tree
    rewritten = descendant_steps(path)
    assert etree.XPath(rewritten)(tree) == etree.XPath(path)(tree)


def test_descendant_steps_keep_positional_steps_and_quoted_text() -> None:
    assert descendant_steps("//a[@rel]") == "/descendant::a[@rel]"
    assert descendant_steps(".//p[@x]/b") == "./descendant::p[@x]/b"
    assert descendant_steps("//li[@id][2]") == "//li[@id][2]"
    assert descendant_steps("//li[last()]") == "//li[last()]"
    assert descendant_steps("//h1") == "//h1"  # libxml2 already walks this one once
    assert descendant_steps("//a[contains(@href, '//b[1]')]") == "/descendant::a[contains(@href, '//b[1]')]"


def test_index_lists_elements_by_class_and_id_in_page_order() -> None:
    tree = _page().tree
    index = class_index(tree)
    assert [el.get("id") for el in index.with_class("comment")] == ["comment-1", "comment-2"]
    assert [el.tag for el in index.with_id("comments")] == ["div"]
    assert class_index(tree) is index  # built once per tree
    fns = index.with_class("fn")
    assert document_order(list(reversed(fns))) == fns


def test_rows_skip_detached_comment_entries() -> None:
    page = _page()
    tree = page.tree
    comments = CommentIndex(page)
    row = Row(f"//*[{has_class('byline')}]")
    assert len(row(tree)) == 3
    with comments.detached():
        found = row(tree)
    assert [(el.tag, el.getparent().get("class")) for el in found] == [("span", "entry-meta"), ("div", None)]


def test_detached_node_does_not_belong_to_the_post() -> None:
    html = ('<html><body><article class="hentry"><h1>T</h1></article><div class="commentlist">'
            '<div id="comment-5"><p class="byline">Someone</p><p>Text</p></div></div></body></html>')
    page = Page(url="https://example.org/p/", body=html.encode())
    comments = CommentIndex(page)
    byline = comments.entries[0].find("p")
    with comments.detached():
        assert not PostScope(page.tree).belongs(byline)


def test_plain_container_is_read_without_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("trafilatura called on a plain container")

    monkeypatch.setattr(body, "_extract", fail)
    page = _page()
    assert body.container_body(page) == "One two three."


def test_noisy_container_goes_through_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(body, "_extract", lambda source, url, focus, **kw: calls.append(focus) or "Cleaned text.")
    noise = "".join(f'<figure><img src="{n}.jpg"><figcaption>Photo {n}</figcaption></figure>' for n in range(4))
    html = f'<html><body><div class="entry-content"><p>Story text here.</p>{noise}</div></body></html>'
    page = Page(url="https://example.org/a/", body=html.encode())
    assert not body.is_plain(body.find_containers(page))
    body.container_body(page)
    assert calls == ["balanced"]


def test_utf8_bytes_and_decoded_text_give_the_same_tree() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Grüße – „Zitat“ 日本</p></body></html>'
    page = Page(url="https://example.org/", body=html.encode())
    assert page._parses_as_bytes()
    from_text = etree.fromstring(page.text, etree.HTMLParser())
    assert etree.tostring(page.tree, encoding=str) == etree.tostring(from_text, encoding=str)


def test_body_never_reads_a_detached_comment_container() -> None:
    """Comment entries known only by their id, holding hAtom ``entry-content``: cut out
    while the header and body are read, and not read back in through the class index."""
    from archiver.parsers import parse_page

    comments = "".join(
        f'<li id="comment-{n}"><cite>Reader {n}</cite><div class="entry-content"><p>{"Reply text. " * 40}</p></div></li>'
        for n in range(3)
    )
    html = ('<html><head><meta name="generator" content="WordPress 6.0"></head><body>'
            '<article class="post hentry"><h1 class="entry-title">T</h1>'
            f'<div class="entry-content"><p>{"The post itself. " * 30}</p></div></article>'
            f'<div id="comments"><ol class="commentlist">{comments}</ol></div></body></html>')
    result = parse_page(Page(url="https://example.org/2020/01/02/t/", body=html.encode()))
    assert result.article.body.startswith("The post itself.")
    assert "Reply text" not in result.article.body
    assert len(result.comments) == 3
