"""Article header fields and layer precedence, one rule per test, on small hand-written pages."""

from __future__ import annotations

import json

import pytest

from archiver.page import Page
from archiver.parsers import ParseResult, parse_page
from archiver.parsers.comments import declared_count
from archiver.parsers.wordpress import comment_page_links

URL = "https://blog.example.org/2020/05/01/post/"
WP = '<meta name="generator" content="WordPress 5.4">'


def parse(body: str, head: str = "", url: str = URL, lang: str = "en") -> ParseResult:
    html = f"<!DOCTYPE html><html lang='{lang}'><head>{head}</head><body>{body}</body></html>"
    return parse_page(Page(url=url, body=html.encode("utf-8")))


def test_hentry_header_fields() -> None:
    body = (
        '<article id="post-3" class="post-3 post hentry category-news tag-firefox">'
        '<header class="entry-header"><h1 class="entry-title">These Weeks in Firefox</h1>'
        '<div class="entry-meta"><span class="byline"><span class="author vcard"><a class="url fn n" '
        'href="/author/mike/">Mike Conley</a></span></span> <time class="entry-date published" '
        'datetime="2020-12-18T16:09:48+00:00">December 18, 2020</time></div></header>'
        '<div class="entry-content"><p>Highlights of the week.</p></div>'
        '<footer class="entry-footer"><span class="cat-links"><a href="/category/news/" rel="category tag">News</a>'
        '</span><span class="tags-links"><a href="/tag/firefox/" rel="tag">Firefox</a></span></footer></article>'
    )
    article = parse(body, WP).article
    assert article is not None
    assert article.title == "These Weeks in Firefox"
    assert article.published == "2020-12-18T16:09:48+00:00"
    assert article.authors == ["Mike Conley"]
    assert article.categories == ["News"]
    assert article.tags == ["Firefox"]
    assert article.body == "Highlights of the week."
    assert article.parser == "wordpress@1+metadata@1"  # metadata adds the language


def test_parser_field_names_every_contributing_layer() -> None:
    head = WP + '<meta property="og:site_name" content="Example Blog"><link rel="canonical" href="/canon/">'
    body = '<article class="post"><h1 class="entry-title">T</h1><div class="entry-content"><p>x</p></div></article>'
    article = parse(body, head).article
    assert article is not None
    assert article.parser == "wordpress@1+metadata@1+generic@1"  # generic: the day in the permalink
    assert article.published == URL.split("/")[3] + "-" + URL.split("/")[4] + "-" + URL.split("/")[5]
    assert article.site_name == "Example Blog"
    assert article.canonical_url == "https://blog.example.org/canon/"


def test_teaser_bylines_and_widgets_do_not_leak_into_the_post() -> None:
    body = (
        '<main><article id="post-7" class="post-7 post type-post hentry"><h1 class="entry-title">Real</h1>'
        '<span class="byline"><a href="/author/carla/" rel="author">Carla</a></span>'
        '<div class="entry-content"><p>x</p></div></article>'
        '<div class="related"><article class="post-8 post type-post"><h2 class="entry-title">Other</h2>'
        '<span class="byline"><a href="/author/stefan/" rel="author">Stefan</a></span></article></div></main>'
        '<aside class="widget"><h1>While you are here…</h1><a href="/category/misc/" rel="category tag">Misc</a></aside>'
    )
    article = parse(body, WP + "", url=URL).article
    assert article is not None
    assert article.authors == ["Carla"]
    assert article.title == "Real"
    assert article.categories == []


def test_post_classes_tell_categories_from_tags() -> None:
    body = (
        '<body class="single postid-9"><article id="post-9" class="post-9 post category-kultur tag-kolumne">'
        '<h1 class="entry-title">T</h1><div class="entry-content"><p>x</p></div><div class="entry-footer">'
        '<a href="/category/kultur/" rel="tag">Kultur</a><a href="/tag/kolumne/" rel="tag">Kolumne,</a>'
        '<a href="/tag/elsewhere/" rel="tag">Not this post</a></div></article>'
    )
    article = parse(body, WP).article
    assert article is not None
    assert (article.categories, article.tags) == (["Kultur"], ["Kolumne"])


def test_author_archive_links_in_a_label_list_are_the_byline() -> None:
    body = (
        '<div class="post" id="post-5"><h2 class="title">Sesiona</h2><div id="taxonomies">'
        '<strong>Por: </strong><a href="/autor/yaima/" rel="category tag taxonomy">Yaima Puig</a>, '
        '<a href="/autor/rene/" rel="category tag taxonomy">René Tamayo</a>'
        '<strong>En este artículo: </strong><a href="/etiqueta/cuba/" rel="category tag taxonomy">Cuba</a></div></div>'
    )
    article = parse(body, WP, lang="es").article
    assert article is not None
    assert article.authors == ["Yaima Puig", "René Tamayo"]
    assert article.tags == ["Cuba"]


def test_breadcrumb_gives_the_category_when_the_post_shows_none() -> None:
    body = (
        '<nav class="site-breadcrumbs"><a href="https://blog.example.org/">Home</a> » '
        '<a href="https://blog.example.org/recipes/">Recipes</a> » '
        '<a href="https://blog.example.org/recipes/cakes/">Cake Recipes</a> » <strong>Frosting</strong></nav>'
        '<article><h1 class="entry-title">Frosting</h1><div class="entry-content"><p>x</p></div></article>'
    )
    article = parse(body, WP).article
    assert article is not None and article.categories == ["Recipes", "Cake Recipes"]  # every crumb between Home and the post


def test_headline_is_the_heading_that_agrees_with_the_declared_title() -> None:
    head = WP + "<title>Rinderleber mit Apfel | Liebe geht durch den Magen</title>"
    body = (
        '<div id="header"><h1><a href="/">Liebe geht durch den Magen</a></h1></div>'
        '<div id="content"><h2 class="onest"><a href="/rezepte/leber.htm" rel="bookmark">Rinderleber mit Apfel</a></h2>'
        '<p class="postmetadata">8.<a href="/date/2010/12/">Dezember 2010</a> um 09:43 · '
        '<a href="/category/rezepte" rel="category tag">Rezepte</a> · 6 Kommentare</p>'
        '<div class="entry"><p>Text.</p></div></div>'
    )
    article = parse(body, head, lang="de").article
    assert article is not None
    assert article.title == "Rinderleber mit Apfel"
    assert article.published == "2010-12-08T09:43:00"
    assert article.categories == ["Rezepte"]


def test_date_line_after_the_headline() -> None:
    body = (
        '<div class="post"><div class="entry"><h1><a href="/p.html" rel="bookmark">Quests und NPCs</a></h1>'
        '<div class="single-post-head">26 Mai, 2008 | <a href="/author/pain" rel="author">ThE_PaiN</a> | '
        "Kommentare 34</div><p>Text.</p></div></div>"
    )
    article = parse(body, WP, lang="de").article
    assert article is not None
    assert (article.title, article.published, article.authors) == ("Quests und NPCs", "2008-05-26", ["ThE_PaiN"])


def test_visible_date_only_is_refined_by_the_metadata_timestamp() -> None:
    head = WP + '<meta property="article:published_time" content="2019-06-19T19:38:08+00:00">'
    body = '<article class="post"><h2 class="post-title">T</h2><span class="post-date">June 19, 2019</span></article>'
    article = parse(body, head).article
    assert article is not None and article.published == "2019-06-19T19:38:08+00:00"


def test_a_time_shown_to_the_minute_gains_the_metadatas_seconds() -> None:
    head = WP + '<meta property="article:published_time" content="2019-06-19T19:38:08+00:00">'
    body = ('<article class="post"><h2 class="post-title">T</h2>'
            '<span class="post-date">June 19, 2019 19:38 GMT</span></article>')
    article = parse(body, head).article
    assert article is not None and article.published == "2019-06-19T19:38:08+00:00"


def test_metadata_timestamp_of_another_day_does_not_replace_the_visible_date() -> None:
    head = WP + '<meta property="article:published_time" content="2019-06-20T01:00:00+00:00">'
    body = '<article class="post"><h2 class="post-title">T</h2><span class="post-date">June 19, 2019</span></article>'
    article = parse(body, head).article
    assert article is not None and article.published == "2019-06-19"


def test_a_time_in_the_posts_text_is_not_its_date() -> None:
    # a date badge named datePublished (no machine value), modified the same day, and a
    # <time> in the text of the post about what it reports
    head = WP + '<meta itemprop="dateModified" content="2017-12-02T18:50:35+00:00">'
    body = ('<article class="post"><div class="postdate" itemprop="datePublished"><span class="postday">2</span> '
            'Dec 2017</div><header><h1 class="entry-title">T</h1></header><div class="entry-content">'
            '<p>Text of the post.</p><p><time datetime="2017-11-30T11:20:00+00:00">Written on 30</time> November'
            ' 2017</p></div></article>')
    article = parse(body, head).article
    assert article is not None and article.published == "2017-12-02"


def test_the_date_under_the_sites_name_is_the_days() -> None:
    body = ('<div id="logo" class="data center">August 21, 2011<h2><a href="/business/">Business</a></h2></div>'
            '<div class="post category-personal-branding"><h1>T</h1><p class="meta">By Ann on '
            '<span class="date">August 13, 2010 at 3:00 pm</span></p><p>Text of the post.</p></div>')
    article = parse(body, url="https://news.example.com/business/a-post-1234.html").article
    assert article is not None and article.published == "2010-08-13T15:00:00"


def test_a_copyright_year_is_no_publication_date() -> None:
    body = ("<div id='main'><h1>A petition</h1><p>" + "Sign it, please. " * 30 + "</p></div>"
            "<footer><p>Copyright © 2016 Example Petitions</p></footer>")
    article = parse(body, url="https://petitions.example.org/petition/art/a-petition/76519").article
    assert article is not None and article.published is None


def test_json_ld_only_page() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Example News"},
            {"@type": "NewsArticle", "headline": "Only in JSON-LD", "datePublished": "2023-11-03T15:32:00+01:00",
             "author": [{"@type": "Person", "name": "Christian Kahle"}], "commentCount": "16",
             "publisher": {"@type": "Organization", "name": "Example News"}},
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    result = parse("<div><p>No markup to speak of.</p></div>", head, url="https://news.example.com/n,1.html")
    article = result.article
    assert article is not None
    assert article.title == "Only in JSON-LD"
    assert article.published == "2023-11-03T15:32:00+01:00"
    assert article.authors == ["Christian Kahle"]
    assert article.comment_count == 16
    assert article.site_name == "Example News"
    assert result.notes == ["declared 16 comments, found 0"]  # a counter, but no widget seen: a shortfall


@pytest.mark.parametrize(("author", "authors"), [
    ({"@type": "Organization", "name": "Redakcja Example.pl"}, []),
    ({"@type": ["NewsMediaOrganization"], "name": "Example News"}, []),
    ([{"@type": "Organization", "name": "Example News"}, {"@type": "Person", "name": "Ada Lovelace"}],
     ["Ada Lovelace"]),
])
def test_an_organisation_named_as_author_in_json_ld_is_a_credit(author: object, authors: list[str]) -> None:
    data = {"@type": "NewsArticle", "headline": "Only in JSON-LD", "author": author}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    article = parse("<div><p>No markup to speak of.</p></div>", head, url="https://news.example.com/n,1.html").article
    assert article is not None and article.authors == authors


def test_a_broken_json_ld_block_does_not_hide_the_others() -> None:
    good = json.dumps({"@type": "WebPage", "datePublished": "2019-09-24T08:03:49+00:00"})
    head = '<script type="application/ld+json">{"@type": "Article", oops</script>' \
           f'<script type="application/ld+json">{good}</script>'
    article = parse("<h1>T</h1>", head).article
    assert article is not None and article.published == "2019-09-24T08:03:49+00:00"


def test_labels_only_in_meta_tags_are_not_the_posts_labels() -> None:
    """Tags and categories are what readers are shown; keyword lists for machines are not."""
    head = (
        '<meta property="article:tag" content="Streaming, Forschung, NASA+">'
        '<meta property="article:section" content="NASA">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "articleSection": "Internet, NASA"}</script>'
    )
    article = parse("<h1>T</h1>", head).article
    assert article is not None
    assert (article.tags, article.categories) == ([], [])


@pytest.mark.parametrize(
    ("heading", "count"),
    [
        ("38 comments", 38),
        ("soundoff (5 Responses)", 5),
        ("One thought on “Python 3”", 1),
        ("{ 38 comments… }", 38),
        ("Se han publicado 11 comentarios", 11),
        ("No Comments", 0),
        ("Leave a Reply", None),
    ],
)
def test_declared_comment_counts(heading: str, count: int | None) -> None:
    assert declared_count(heading) == count


def test_declared_count_from_the_comments_heading() -> None:
    body = '<h1 class="entry-title">T</h1><div id="comments"><h3>One thought on “T”</h3></div>'
    article = parse(body, WP).article
    assert article is not None and article.comment_count == 1


def test_comment_page_links() -> None:
    body = (
        '<h1 class="entry-title">T</h1><div id="comments"><div class="navigation">'
        '<a href="/2020/05/01/post/comment-page-2/#comments">2</a>'
        '<a href="/2020/05/01/post/?cpage=3">3</a>'
        '<a href="/2020/05/01/post/?comments_page=4">« Older Comments</a>'
        '<a href="/2020/05/01/post/#respond">Leave a reply</a><a href="/about/">About</a></div></div>'
    )
    page = Page(url=URL, body=f"<html><head>{WP}</head><body>{body}</body></html>".encode())
    assert comment_page_links(page) == [
        "https://blog.example.org/2020/05/01/post/comment-page-2/",
        "https://blog.example.org/2020/05/01/post/?cpage=3",
        "https://blog.example.org/2020/05/01/post/?comments_page=4",
    ]
    assert parse_page(page).comment_pages == comment_page_links(page)


def test_generic_fallback_for_an_unknown_layout() -> None:
    body = (
        "<h1>A plain page</h1><p class='byline'>By Jane Roe</p>"
        "<time datetime='2021-03-04T05:06:07+00:00'>March 4</time>"
        + "".join(f"<p>Paragraph {i} of a plain page with enough words to be read as text.</p>" for i in range(8))
    )
    article = parse(body).article
    assert article is not None
    assert (article.title, article.authors, article.published) == (
        "A plain page", ["Jane Roe"], "2021-03-04T05:06:07+00:00"
    )
    assert article.parser is not None and "generic@1" in article.parser


def test_comment_page_links_of_other_posts_are_left_out() -> None:
    body = (
        '<h1 class="entry-title">T</h1><div id="comments"><a href="/2020/05/01/post/comment-page-1/">1</a></div>'
        '<aside class="widget"><a href="/2019/01/01/other/comment-page-3/#comment-9">Zed on Other</a>'
        '<a href="https://elsewhere.example.net/?cpage=2">x</a></aside>'
    )
    page = Page(url=URL + "comment-page-2/", body=f"<html><head>{WP}</head><body>{body}</body></html>".encode())
    assert comment_page_links(page) == ["https://blog.example.org/2020/05/01/post/comment-page-1/"]


def test_generic_title_prefers_the_heading_that_agrees_with_the_document_title() -> None:
    head = "<title>The Real Headline | Example News</title>"
    body = "<h1>Example News</h1><h2>The Real Headline</h2><p>Text.</p>"
    article = parse(body, head, url="https://news.example.com/a/1").article
    assert article is not None and article.title == "The Real Headline"


@pytest.mark.parametrize(
    "thread_head",
    [
        '<h3 id="comments" class="commentsheader">13 Comments</h3>',
        ('<div id="comments"><div class="comments_intro"><p><span>{</span> <span>13</span> comments&#8230; '
        'read them below or <a href="#respond">add one</a> }</p></div></div>'),
        ('<div id="comments" class="comments-area"><h2>Leave a Reply</h2><span class="comments__headline">'
        "13 Ergänzungen</span></div>"),
    ],
)
def test_comment_counter_variants(thread_head: str) -> None:
    article = parse('<h1 class="entry-title">T</h1>' + thread_head, WP).article
    assert article is not None and article.comment_count == 13


def test_comment_count_from_the_post_header_link_not_from_teasers() -> None:
    body = (
        '<body class="postid-4"><article id="post-4" class="post-4 post"><h1 class="entry-title">T</h1>'
        '<div class="entry-meta"><a href="/p/#comments">91 Ergänzungen</a></div></article>'
        '<article class="post-5 post teaser"><a href="/other/#comments">7 Ergänzungen</a></article>'
    )
    article = parse(body, WP, lang="de").article
    assert article is not None and article.comment_count == 91
    teaser_only = parse(body.replace('<a href="/p/#comments">91 Ergänzungen</a>', ""), WP, lang="de").article
    assert teaser_only is not None and teaser_only.comment_count is None


def test_absurdly_nested_json_ld_is_survived() -> None:
    nested = "[" * 5000 + '{"@type": "Article", "headline": "Deep"}' + "]" * 5000
    graph = '{"@graph": ' + "[" * 900 + '{"@type": "NewsArticle", "headline": "In graph"}' + "]" * 900 + "}"
    for block in (nested, graph):
        head = f'<script type="application/ld+json">{block}</script>'
        article = parse("<p>x</p>", head).article
        assert article is not None  # no RecursionError; the title may or may not be found


def test_buttons_a_script_runs_are_no_trail() -> None:
    """The comment form's "( Log Out / Change )" under the post: two links and a slash,
    as a trail shows, but buttons a script runs, not pages of the site."""
    body = (
        '<article><h1 class="entry-title">Aren’t we all</h1><div class="entry-content"><p>Text of the post.</p></div>'
        '</article><div class="k1"><div class="k2"><p class="k3"><strong></strong> You are commenting using your '
        'WordPress.com account. <span class="k4">( <a href="javascript:HighlanderComments.doExternalLogout( '
        '\'wordpress\' );">Log Out</a> / <a href="#" onclick="javascript:HighlanderComments.switchAccount();'
        'return false;">Change</a> )</span></p></div></div>'
    )
    article = parse(body, WP).article
    assert article is not None and article.categories == []


NAV = ('<div class="topNav"><ul class="mini-default-nav">'
       + "".join(f'<li class="nav-item"><a href="{href}"><span>{label}</span></a></li>'
                 for href, label in [("https://news.example.cn/", "首页"), ("/ch/news", "要闻"), ("/ch/qa", "热问"),
                                     ("/d/sh/", "上海"), ("/ch/finance", "财经"), ("/ch/tech", "科技"),
                                     ("/ch/games", "云游戏")])
       + '<li class="nav-item more"><span>更多</span></li></ul>'
       + '<h1 class="title">全新首页 焕新登场</h1></div>')


def test_a_menu_of_sections_ending_in_more_is_no_breadcrumb() -> None:
    """Eight sections from the home page, the last a plain "更多" (more) that opens the
    rest: a menu, whose sections are not the post's categories."""
    body = NAV + '<article><h1>车展新闻</h1><p>正文内容，足够长，是这篇文章的正文而不是别的什么东西。</p></article>'
    head = "<title>车展新闻_腾讯新闻</title>"
    assert parse(body, head=head, url="https://news.example.cn/rain/a/1", lang="zh").article.categories == []


def test_a_date_among_the_labels_is_no_label() -> None:
    """Kinja printed the post's time as one more link of its tag line: no category; a
    holiday is."""
    body = ('<article class="post"><h1>Stop buying things</h1><div class="meta"><span>Filed to:</span> '
            '<a href="/tag/money" rel="tag">money</a> <a href="/tag/habits" rel="tag">habits</a> '
            '<a href="/tag/3-09-15" rel="tag">3/09/15 8:00am</a> '
            '<a href="/tag/4th-of-july" rel="tag">4th of July</a></div>'
            '<p>The post, long enough to be the post and nothing else.</p></article>')
    article = parse(body, url="https://life.example.org/program-your-mind-1690169499").article
    assert article.tags + article.categories == ["money", "habits", "4th of July"]  # (a holiday is a label)


@pytest.mark.parametrize(("line", "lang", "categories", "tags"), [
    # a news CMS's meta line, every field in one text: the category's label, then the tags'
    ('<b>05/10/2018</b> - Publicado por: Ana Borba - Categoria: <a href="/noticias.php?cat=19">Saúde</a>'
     ' - Tags: <a href="/noticias.php?tag=sad">sad</a> <a href="/noticias.php?tag=carro">carro</a>',
     "pt", ["Saúde"], ["sad", "carro"]),
    # byline, time and topic between bars, the template's indentation before each bar
    ('By <a href="/meet-the-team/us/jane+doe/">Jane Doe</a>\n' + " " * 40 + '|  <time datetime="2019-11-18 19:14:00">'
     'November 18, 2019 -- 19:14 GMT</time>\n' + " " * 40 + '| Topic: <a href="/topic/hardware/">Hardware</a>',
     "en", [], ["Hardware"]),
])
def test_a_label_at_the_end_of_a_meta_line_heads_the_links_after_it(
        line: str, lang: str, categories: list[str], tags: list[str]) -> None:
    """A label ends a longer text of the meta line ("… - Publicado por: NAME - Categoria: "):
    the piece after the line's last separator is read as the label, and its links run up
    to the next label on the line."""
    body = (f'<div class="c1"><p class="c2">Atendimento registra arrombamento em veículos</p>'
            f'<small class="c3">{line}</small><div class="c4"><p>{"Texto da notícia. " * 20}</p></div></div>')
    article = parse(body, lang=lang).article
    assert article is not None
    assert (article.categories, article.tags) == (categories, tags)


def _tagged_post(after_body: str, page_end: str = "") -> str:
    return ('<div class="w1"><div class="w2"><h1>Steam survey numbers for May</h1>'
            '<div class="w3"><p>' + "Linux use on Steam rose again this month, the survey shows. " * 6 + '</p></div>'
            + after_body + '</div></div>' + page_end)


@pytest.mark.parametrize(("after_body", "page_end", "tags"), [
    # a list no name or label marks, known by where its links go
    ('<div class="w4"><a href="/tag/steam/">Steam</a> <a href="/tag/linux-gaming/">Linux gaming</a>'
     ' <a href="/tag/valve/">Valve</a></div>', "", ["Steam", "Linux gaming", "Valve"]),
    ('<p class="w4"><a href="/blog/tags/steam/">steam</a>, <a href="/blog/tags/survey/">survey</a></p>', "",
     ["steam", "survey"]),
    # the site's topics in a part of the page that holds nothing of the post
    ("", '<div class="w9"><ul><li><a href="/tag/cpus">CPUs</a></li><li><a href="/tag/gpus">GPUs</a></li>'
         '<li><a href="/tag/mobile">Mobile</a></li></ul></div>', []),
    # other posts' tags, in a box of related ones
    ('<div class="related-box"><a href="/tag/politics/">Politics</a>, <a href="/tag/nixon/">Nixon</a></div>', "", []),
    # headed as categories
    ('<ul class="w4"><li>Posted in</li><li><a href="/tag/steam">Steam client</a></li>'
     '<li><a href="/tag/valve">Valve Corporation</a></li></ul>', "", []),
])
def test_a_list_of_links_to_tag_archives_after_the_headline_is_the_posts_tags(
        after_body: str, page_end: str, tags: list[str]) -> None:
    """Where nothing names or labels the post's tags, a block after the headline whose
    links all go to tag archives (``/tag/steam/``) and that shows little else is their list;
    not one that only ``<body>`` shares with the post, nor a box of related posts', nor a
    list a category's label heads."""
    article = parse(_tagged_post(after_body, page_end)).article
    assert article is not None
    assert article.tags == tags


@pytest.mark.parametrize("heading", [
    '<h1><svg class="c9"></svg> <span class="c8">Question</span> Forum statistics bug: return value must be an array</h1>',
    '<h1><a class="c8" href="/forums/support">Support</a> <span class="c7">Forum statistics bug: return value must be an'
    ' array</span></h1>',
])
def test_a_label_before_the_declared_title_is_no_part_of_it(heading: str) -> None:
    """A forum shows the topic's type or board as a label inside its heading, before the
    title the page declares (Kunena's "Question" badge, Homeland's node link): the title
    is the declared part, and the heading is still the post's headline."""
    head = '<title>Forum statistics bug: return value must be an array - Example Forum</title>'
    body = (f'<div class="c1">{heading}<div class="c2"><p>{"The statistics page fails after the update. " * 5}</p>'
            '</div></div>')
    article = parse(body, head).article
    assert article is not None
    assert article.title == "Forum statistics bug: return value must be an array"


_DAY_ONLY = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2018-08-25"}</script>'


def test_a_day_only_post_date_takes_the_time_the_page_shows_on_that_day() -> None:
    """The metadata (or htmldate, or the permalink) gives the post's day alone; the page
    shows that day with its time once, in a line no date layer reads ("기사입력 :[
    2018-08-25 15:24 ]" as bare text between blocks, entermedia.co.kr): the time is the
    post's."""
    body = ('<div class="x1"><h1>Headline of the post</h1><dl><dt>Headline of the post</dt></dl>'
            '기사입력 :[ 2018-08-25 15:24 ]<div class="x2"><p>Body text of the post, long enough to be its body '
            'and nothing else.</p></div></div>')
    assert parse(body, head=_DAY_ONLY, url="https://news.example.kr/view?idx=10285").article.published == \
        "2018-08-25T15:24:00"


@pytest.mark.parametrize(("shown", "expected"), [
    ("<p>Posted by James Hamilton at August 25, 2018 01:23 PM</p>", "2018-08-25T13:23:00"),
    ("<p>Updated August 25, 2018 at 10:20</p>", "2018-08-25"),  # an update's time is not the post's
    ("<p>Tracked on Aug 25, 2018 11:15:37 PM</p>", "2018-08-25"),  # nor a trackback's
    ("<p>Filed 2018-08-25 09:00</p><p>Filed 2018-08-25 17:30</p>", "2018-08-25"),  # two times: neither known
    ("<p>Posted 2018-08-26 09:00</p>", "2018-08-25"),  # another day's time
])
def test_the_time_shown_on_the_posts_day(shown: str, expected: str) -> None:
    from lxml import html as lxml_html

    from archiver.parsers.postdate import shown_clock
    assert shown_clock(lxml_html.fromstring(f"<html><body>{shown}</body></html>"), "2018-08-25", ("en",)) == expected


def test_a_byline_written_by_dot_name() -> None:
    """"By.KJ : 2019年04月04日 09:00" (phpspot.org): "By." is the byline's word, KJ the name."""
    body = ('<div class="x1"><h1>マインドマップ風のツリー</h1><div class="x2"><p>本文です。本文です。本文です。</p>'
            '<p class="posted">By.KJ : 2019年04月04日 09:00</p></div></div>')
    article = parse(body, url="https://phpspot.example.org/blog/archives/2019/04/treeviz.html", lang="ja").article
    assert (article.authors, article.published) == (["KJ"], "2019-04-04T09:00:00")


@pytest.mark.parametrize(("crumbs", "expected"), [
    ('<a href="/ubbthreads/register">Register</a> <a href="/ubbthreads/login">Log In</a> '
     '<a href="/ubbthreads/forums">Forums</a> » <a href="/ubbthreads/religion">Religion and Spirituality</a> » '
     '<a href="/ubbthreads/dreams">Dreams</a>', ["Forums", "Religion and Spirituality", "Dreams"]),  # UBB.threads
    ('<a href="/">Home</a> › <a href="/register-to-vote/">Register to vote</a>', ["Register to vote"]),
])
def test_account_links_at_the_head_of_a_trail_are_no_section(crumbs: str, expected: list[str]) -> None:
    """UBB.threads puts the reader's "Register" and "Log In" at the head of its trail
    (forums.bellaonline.com; freitag.de's "Anmelden" with names taken away): they are no
    section the topic is in. A section whose name begins with the word stays."""
    body = (f'<nav class="crumbs">{crumbs} › <span>Patch notes 4.47.4</span></nav>'
            '<div class="topic"><h1>Patch notes 4.47.4</h1><div class="msg"><p>Text of the topic.</p></div></div>')
    article = parse(body, "<title>Patch notes 4.47.4</title>", url="https://forum.example.org/threads/patch-notes.123/")
    assert article.article.categories == expected


def test_a_letter_avatar_is_no_byline() -> None:
    """Initials in a box that links the author's page ("PA", the link titled with the
    name) stand for a picture; the name is the one the next line shows."""
    body = (
        '<article class="x1"><h1>Why did Judas betray Jesus?</h1>\n'
        '<div class="x2"><div class="x3"><a href="/author/povilas-aleksandravicius-1188257" class="x4" '
        'title="Povilas Aleksandravičius, professor of philosophy, Lrt.lt"><span class="x5">PA</span></a></div>\n'
        '<div class="x6"><span><a href="/author/povilas-aleksandravicius-1188257" '
        'title="Povilas Aleksandravičius, professor of philosophy, Lrt.lt">Povilas Aleksandravičius, professor of '
        'philosophy, Lrt.lt</a></span> <span>2024.03.31 19:59</span></div></div>\n'
        '<div class="x7"><p>The question is older than any of us, and every answer given to it says as much about '
        'the one who gives it as about Judas.</p><p>More of the text.</p></div></article>'
    )
    article = parse(body, lang="lt").article
    assert article is not None
    assert article.authors == ["Povilas Aleksandravičius"]


_TEXT = ('<div class="x7"><p>The recipe takes twenty minutes from start to finish, and most of that is the rice.</p>'
         '<p>Serve it over toast points or tortilla chips, or on its own with a green salad.</p></div>\n')


def test_links_to_category_archives_that_nothing_names_are_the_categories() -> None:
    """A block of a few links to category archives (``/category/dinner/``) near the
    headline, which no class, rel or label marks: the post's categories."""
    body = ('<div class="x1"><h1>Chipotle creamed chicken</h1>\n'
            '<div class="x2"><span class="x3">Posted 3 days ago</span>\n'
            '<div class="x4"><a href="/food/category/chicken-recipes/">Chicken Recipes</a>, '
            '<a href="/food/category/dinner/">Dinner</a></div></div>\n' + _TEXT + '</div>')
    article = parse(body).article
    assert article is not None
    assert article.categories == ["Chicken Recipes", "Dinner"]


def _buttons(*slugs: str) -> str:
    return "".join(f'<div class="x9"><a class="x10" href="/category/{slug}/">{slug.replace("-", " ")}</a></div>\n'
                   for slug in slugs)


@pytest.mark.parametrize("after", [
    '<div class="x8"><div class="x11">\n' + _buttons("appetizers", "side-dishes", "desserts")
    + '</div>\n<div class="x11">\n' + _buttons("drinks", "breakfast", "soups") + '</div></div>\n',
    '<div class="x12"><div class="x13"><a href="/video/kings-sign-off/">Kings announcers sign off</a></div>\n'
    '<div class="x14"><a href="/online/category/media/slam-tv/">More Videos <big>»</big></a></div></div>\n',
], ids=["grid", "more"])
def test_a_grid_of_category_buttons_or_a_more_link_is_no_posts_category(after: str) -> None:
    """The site's own list of categories as buttons under the post, or a box's "More
    Videos »" link to a category, says nothing of the post's categories."""
    body = '<div class="x1"><h1>Christmas dessert dip platter</h1>\n' + _TEXT + after + '</div>'
    article = parse(body).article
    assert article is not None
    assert article.categories == []


def test_a_time_in_the_tooltip_inside_a_date_line_is_the_posts_local_time() -> None:
    """Twenty Ten shows the day and puts the time in the permalink's tooltip
    (``<a title="8:00">13. März 2019</a>``): read from the whole line "Veröffentlicht am …
    von NAME", the day still takes that time, and the metadata's UTC instant is given in
    the offset the page shows."""
    head = ('<title>Würde des Lebens | Große Fragen</title>'
            '<meta property="article:published_time" content="2019-03-13T07:00:40+00:00">')
    body = ('<div class="x1"><h2 class="x2"><a href="/2019/03/13/wuerde/" rel="bookmark">Würde des Lebens</a></h2>\n'
            '<div class="x3"><span class="x4">Veröffentlicht am</span> <a href="/2019/03/13/wuerde/" title="8:00" '
            'rel="bookmark"><span class="x5">13. März 2019</span></a> <span class="x6"><span class="x7">von</span> '
            '<span class="x8"><a class="x9" href="/people/mivedo/">mivedo</a></span></span></div>\n'
            '<div class="x10"><p>Dieses Thema eignet sich gut für hoch individualisiertes Lernen und bloggen.</p>'
            '<p>Um den Anspruch nicht zu hoch zu schrauben, gibt es dazwischen vier Anregungen.</p></div></div>')
    article = parse(body, head, url="https://grossefragen.example.org/2019/03/13/wuerde/", lang="de").article
    assert article is not None
    assert article.published == "2019-03-13T08:00:40+01:00"


def test_tags_one_per_list_item_or_field_item_are_one_list() -> None:
    """Links to tag archives one per ``div`` (Drupal's field items) or per ``li``, which
    nothing names: each block holds one link, and the block around them is the list."""
    items = "".join(f'<div class="x21"><a href="/tag/{t.lower().replace(" ", "-")}">{t}</a></div>'
                    for t in ("United States", "China", "trade war"))
    body = ('<div class="x1"><h1>Beijing sets out its tariff demands</h1>\n' + _TEXT
            + f'<div class="x20"><div class="x22">{items}</div></div>\n</div>')
    article = parse(body).article
    assert article is not None
    assert article.tags == ["United States", "China", "trade war"]
