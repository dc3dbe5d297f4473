"""Pages decode to the right text whatever their bytes claim."""

from __future__ import annotations

import codecs

from archiver.page import Page

WORD = "Grüße aus Köln – „Zitat“"


def _page(body: bytes, content_type: str | None = None) -> Page:
    headers = {"Content-Type": content_type} if content_type else {}
    return Page(url="http://example.org/", body=body, headers=headers)


def _html(charset_meta: str = "") -> str:
    return f"<html><head>{charset_meta}<title>t</title></head><body><p>{WORD}</p></body></html>"


def test_http_header_charset() -> None:
    page = _page(_html().encode("cp1252"), "text/html; charset=windows-1252")
    assert page.tree.findtext(".//p") == WORD


def test_meta_charset() -> None:
    page = _page(_html('<meta charset="iso-8859-15">').encode("iso-8859-15", "replace"))
    assert "Grüße aus Köln" in page.tree.findtext(".//p")


def test_bom_wins() -> None:
    page = _page(codecs.BOM_UTF8 + _html('<meta charset="iso-8859-1">').encode("utf-8"))
    assert page.tree.findtext(".//p") == WORD


def test_lying_meta_charset_with_valid_utf8() -> None:
    page = _page(_html('<meta charset="iso-8859-1">').encode("utf-8"))
    assert page.tree.findtext(".//p") == WORD


def test_stray_latin1_bytes_in_utf8_page() -> None:
    body = _html('<meta charset="utf-8">').encode("utf-8").replace("Köln".encode(), b"K\xf6ln")
    page = _page(body)
    assert page.tree.findtext(".//p") == WORD


def test_undeclared_cp1252() -> None:
    page = _page(_html().encode("cp1252"))
    assert page.tree.findtext(".//p") == WORD


def test_shift_jis_declared() -> None:
    text = "<html><head><meta charset='shift_jis'></head><body><p>日本語のブログ記事です。コメント</p></body></html>"
    page = _page(text.encode("shift_jis"))
    assert page.tree.findtext(".//p") == "日本語のブログ記事です。コメント"


def test_nul_bytes_and_empty_body() -> None:
    assert _page(b"<p>a\x00b</p>").tree.findtext(".//p") == "ab"
    assert _page(b"").tree.tag == "html"


def test_binary_is_not_html() -> None:
    assert not _page(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj").looks_like_html()
    assert not _page(bytes(range(256)) * 4).looks_like_html()
    assert _page(_html().encode()).looks_like_html()


def test_ascii_page_with_entities_declared_latin1() -> None:
    page = _page(b'<html><head><meta charset="iso-8859-1"></head><body><p>caf&eacute; &ndash; x</p></body></html>')
    assert page.tree.findtext(".//p") == "café – x"


def test_iso_2022_jp_is_decoded_though_its_bytes_are_ascii() -> None:
    body = f"<html><body><p>{'日本語のブログ'}</p></body></html>".encode("iso2022_jp")
    assert body.isascii()
    page = _page(body, "text/html; charset=iso-2022-jp")
    assert page.tree.findtext(".//p") == "日本語のブログ"


def test_a_self_closed_html_tag_keeps_the_page_in_the_tree() -> None:
    """``<html … />`` (cracked.com, 2011): libxml2 closes that element and opens a second
    ``html`` for the rest; the tree every parser walks is the one that holds the page."""
    from archiver.parsers import parse_page

    body = (b"<!DOCTYPE html>\n<html id='Template2a' xmlns='http://www.w3.org/1999/xhtml' />\n<head><title>Six things"
            b"</title></head><body><article class='post'><h1>Six things</h1><p class='byline'>By: Maxwell Yezpitelok</p>"
            b"<div class='entry-content'><p>Social networks keep doing these six things.</p></div></article></body></html>")
    page = Page("http://www.example.com/article_19029_6-things.html", body)
    assert page.tree.find("body") is not None
    assert [el.tag for el in page.tree.iter("article")] == ["article"]
    article = parse_page(page).article
    assert (article.title, article.authors) == ("Six things", ["Maxwell Yezpitelok"])
