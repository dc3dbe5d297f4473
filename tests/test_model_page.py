"""The model page: a 2011 CNN "Security Clearance" blog post, rebuilt from its text."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from archiver import Page, parse_page
from archiver.validation import schema_errors

CASE = Path(__file__).parent / "fixtures" / "pages" / "cnn_com" / "security-clearance-2011"
SEED_PARAGRAPHS = 15


def _result():
    meta = json.loads((CASE / "meta.json").read_text())
    page = Page(url=meta["url"], body=gzip.decompress((CASE / "page.html.gz").read_bytes()), headers=meta["headers"])
    return parse_page(page)


def test_article_fields() -> None:
    article = _result().article
    assert article.title == "A key friendship at the center of US-Pakistani relations"
    assert article.published == "2011-09-16T16:25:00-04:00"
    assert article.authors == ["Barbara Starr"]
    assert article.byline == "By Pentagon Correspondent Barbara Starr"
    assert article.categories == ["9/11", "Al Qaeda", "CIA", "drones", "Military", "Pakistan"]
    assert article.tags == []
    assert article.comment_count == 5
    assert article.comments_found == 4
    assert article.language == "en"
    assert article.parser.startswith("cnn_blogs@")


def test_body_is_the_post_and_nothing_else() -> None:
    body = _result().article.body
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == SEED_PARAGRAPHS
    assert paragraphs[0].startswith("After more than two dozen face-to-face meetings")
    assert paragraphs[-1] == '"I think it would be a really significantly negative outcome if the relationship got broken," he said.'
    for boilerplate in ("By Pentagon", "Post by", "Filed under", "soundoff", "CNN welcomes", "Recent Comments", "Share"):
        assert boilerplate not in body


def test_comments() -> None:
    comments = _result().comments
    assert [c.author for c in comments] == [
        "stornobrzinol",
        "http://www.fokuszpalyazat.hu/kezdolap/akar-60-millios-tamogatas-vallalkozasok-fejlesztesere",
        "froleprotrem",
        "Jyotrindra",
    ]
    assert [c.published for c in comments] == [
        "2021-05-15T16:38:00", "2021-02-09T03:20:00", "2021-02-06T06:29:00", "2011-09-18T09:43:00",
    ]
    assert comments[0].text == "You got a very superb website, Gladiola I noticed it through yahoo."
    assert comments[3].text.startswith("What does Mr.Mullen want to convey")
    assert comments[3].text.endswith("predominantly Pakistani military area?")
    assert comments[1].author_url == comments[1].author
    assert [c.position for c in comments] == [1, 2, 3, 4]
    assert all(c.parent_id is None and c.depth == 1 and c.kind == "comment" for c in comments)
    assert all("Reply" not in c.text for c in comments)
    assert len({c.id for c in comments}) == 4


def test_items_are_valid_against_the_schema() -> None:
    for item in _result().items():
        assert schema_errors(item.to_dict()) == []


# The same page as another CNN desk's blog would serve it: the theme's class names of the
# post and the comments spelled differently (cnnCommentMeta, not cnn_cmtmeta), on another
# host, so that no site parser applies and only the shared rules read it.
RENAMED = {
    "cnn_cmttext": "cnnCommentText", "cnn_cmtmeta": "cnnCommentMeta", "cnn_cmtauthor": "cnnCommentAuthor",
    "cnn_cmt_wrap": "cnnCommentWrap", "cnnBlogContentTitle": "cnnPostTitle", "cnnBlogContentTime": "cnnPostTime",
    "cnnBlogContentPost": "cnnPostBody", "cnnBlogContentDateHead": "cnnPostDate", "cnnEntryContent": "cnnPostText",
}


def test_a_cnn_style_blog_with_other_class_names_gives_the_same_items() -> None:
    meta = json.loads((CASE / "meta.json").read_text())
    html = gzip.decompress((CASE / "page.html.gz").read_bytes()).decode("utf-8")
    for old, new in RENAMED.items():
        html = html.replace(old, new)
    url = meta["url"].replace("security.blogs.cnn.com", "globalpublicsquare.blogs.example.com")
    html = html.replace("security.blogs.cnn.com", "globalpublicsquare.blogs.example.com")
    variant = parse_page(Page(url=url, body=html.encode("utf-8")))
    original = _result()
    assert variant.article is not None and not variant.article.parser.startswith("cnn_blogs")
    for field in ("title", "published", "authors", "categories", "comment_count"):
        assert getattr(variant.article, field) == getattr(original.article, field), field
    fields = ("id", "author", "published", "text", "parent_id", "depth", "kind")
    assert [[getattr(c, f) for f in fields] for c in variant.comments] == [
        [getattr(c, f) for f in fields] for c in original.comments
    ]
    assert all(c.published and "Reply" not in c.text for c in variant.comments)
