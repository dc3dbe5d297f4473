"""Comment platforms without a crawl: detection on page snippets, adapters on answers, merging.

Snippets follow each platform's documented embed code; answers follow their documented
shapes, error envelopes included. Crawls against servers are in test_comment_sources*.py.
"""

from __future__ import annotations

import json

import pytest

from archiver import platforms
from archiver.items import Comment
from archiver.platforms import SourceConfig, SourceRequest, SourceResponse, detect, merge_thread
from archiver.platforms import disqus, isso, wordpress

URL = "https://blog.example.org/2024/05/01/a-post/"

SNIPPETS = {
    "wordpress": ('<link rel="https://api.w.org/" href="https://blog.example.org/wp-json/" />'
                  "<link rel='shortlink' href='https://blog.example.org/?p=42' />",
                  {"rest_root": "https://blog.example.org/wp-json/", "post_id": "42"}),
    "blogger": ("<meta content='blogger' name='generator'/><link rel='service.post' "
                "href='https://www.blogger.com/feeds/1234/posts/default'/><div id='post-body-5678'></div>",
                {"blog_id": "1234", "post_id": "5678"}),
    "disqus": ("<div id='disqus_thread'></div><script>var disqus_shortname = 'example'; "
               "var disqus_identifier = '42 https://blog.example.org/?p=42';</script>",
               {"shortname": "example", "identifier": "42 https://blog.example.org/?p=42", "url": URL}),
    "isso": ('<script data-isso="//comments.example.org/" src="//comments.example.org/js/embed.min.js"></script>'
             '<section id="isso-thread" data-isso-id="/thread-7/"></section>',
             {"server": "https://comments.example.org/", "uri": "/thread-7/"}),
    "remark42": ("<script>var remark_config = { host: 'https://remark.example.org', site_id: 'blog' };</script>",
                 {"host": "https://remark.example.org", "site_id": "blog", "url": URL}),
    "commento": ('<script defer src="https://cdn.commento.io/js/commento.js"></script><div id="commento"></div>',
                 {"origin": "https://commento.io", "domain": "blog.example.org", "path": "/2024/05/01/a-post/"}),
    "discourse": ("<div id='discourse-comments'></div><script>DiscourseEmbed = { discourseUrl: "
                  "'https://forum.example.org/', topicId: 77 };</script>",
                  {"forum": "https://forum.example.org/", "embed_url": URL, "topic_id": "77"}),
    "giscus": ('<script src="https://giscus.app/client.js" data-repo="owner/site" data-mapping="pathname" '
               'data-category="Comments"></script>',
               {"repo": "owner/site", "mapping": "pathname", "category": "Comments", "term": "2024/05/01/a-post"}),
    "utterances": ('<script src="https://utteranc.es/client.js" repo="owner/site" issue-term="pathname"></script>',
                   {"repo": "owner/site", "mapping": "pathname", "term": "2024/05/01/a-post"}),
    "coral": ("<div id='coral_thread'></div><script>Coral.createStreamEmbed({ id: 'coral_thread', "
              "rootURL: 'https://coral.example.org', storyID: 'abc' });</script>",
              {"rooturl": "https://coral.example.org", "storyid": "abc"}),
    "openweb": ('<div data-spotim-module="spotim-launcher" data-post-id="p9"></div>'
                '<script src="https://launcher.spot.im/spot/sp_AbC123"></script>', {"spot_id": "sp_AbC123", "post_id": "p9"}),
    "viafoura": ('<div class="viafoura"><vf-conversations></vf-conversations></div>', {}),
    "hyvor": ('<hyvor-talk-comments website-id="321" page-id="a-post"></hyvor-talk-comments>',
              {"website_id": "321", "page_id": "a-post"}),
    "talkyard": ("<script>talkyardServerUrl='https://comments.example.org';</script>"
                 "<div class='talkyard-comments' data-discussion-id='d1'></div>",
                 {"server": "https://comments.example.org", "discussion_id": "d1"}),
    "facebook": ('<div class="fb-comments" data-href="https://blog.example.org/a" data-numposts="5"></div>',
                 {"href": "https://blog.example.org/a"}),
    "substack": ('<link rel="preconnect" href="https://substackcdn.com"><script>window._preloads = '
                 'JSON.parse("{\\"post\\":{\\"id\\":98765,\\"title\\":\\"x\\"}}")</script>',
                 {"site": "https://blog.example.org", "post_id": "98765"}),
    "ghost": ('<script defer src="https://cdn.jsdelivr.net/ghost/comments-ui@~0.12/umd/comments-ui.min.js" '
              'data-ghost-comments="https://blog.example.org/" data-post-id="65a1"></script>',
              {"site": "https://blog.example.org", "post_id": "65a1"}),
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_detects_each_platform_and_its_parameters(name: str) -> None:
    snippet, params = SNIPPETS[name]
    found = detect(URL, {}, f"<html><head></head><body><p>Text.</p>{snippet}</body></html>".encode())
    assert [p.name for p in found] == [name]
    assert found[0].params == params
    assert found[0].needs_browser == (name in platforms.BROWSER_ONLY)


def test_plain_page_and_mentions_are_no_platform() -> None:
    assert detect(URL, {}, b"<html><body><p>We left Disqus and Facebook for good.</p></body></html>") == []
    assert detect(URL, {}, b"") == []


def test_wordpress_from_link_headers_and_body_class() -> None:
    headers = {"Link": '<https://blog.example.org/wp-json/>; rel="https://api.w.org/", '
                       '<https://blog.example.org/?p=9>; rel=shortlink'}
    (found,) = detect(URL, headers, b"<html><body class='single postid-9'><a href='/wp-content/x'>x</a></body></html>")
    assert found.params == {"rest_root": "https://blog.example.org/wp-json/", "post_id": "9"}


def test_wordpress_comment_feed_is_the_posts_own() -> None:
    page = (f'<link rel="alternate" type="application/rss+xml" title="Feed" href="https://blog.example.org/feed/" />'
            f'<link rel="alternate" type="application/rss+xml" title="Comments" href="{URL}feed/" />'
            f'<meta name="generator" content="WordPress 6.1" />').encode()
    (found,) = detect(URL, {}, page)
    assert found.params == {"comment_feed": f"{URL}feed/"}


def answer(request: SourceRequest, body: bytes | str | object, status: int = 200,
           headers: dict[str, str] | None = None) -> SourceResponse:
    data = body if isinstance(body, bytes) else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
    return SourceResponse(request.url, status, headers or {}, data, request, {"warc_record_id": "<urn:uuid:x>"})


def test_wordpress_rest_pages_dates_and_fallbacks() -> None:
    (first,) = wordpress.first_requests(detect(URL, {}, SNIPPETS["wordpress"][0].encode())[0], URL, SourceConfig())
    assert "post=42" in first.url and "per_page=100" in first.url and first.url.startswith("https://blog.example.org/wp-json/wp/v2/comments?")
    entries = [{"id": 5, "parent": 0, "author_name": "Ana", "author_url": "", "date": "2023-03-26T03:05:00",
                "date_gmt": "2023-03-26T01:05:00", "content": {"rendered": "<p>One</p>\n<p>Two</p>"}, "type": "comment"},
               {"id": 6, "parent": 5, "author_name": "Bo", "date": "2023-01-16T08:00:00",
                "date_gmt": "2023-01-16T07:00:00", "content": {"rendered": "<p></p>"}, "type": "comment"}]
    result = wordpress.parse(answer(first, entries, headers={"x-wp-total": "250", "x-wp-totalpages": "3"}))
    assert result.declared == 250 and result.dropped == 1 and not result.error
    (comment,) = result.comments
    assert (comment.id, comment.parent_id, comment.published, comment.text, comment.author_url) == (
        "wordpress:5", None, "2023-03-26T03:05:00+02:00", "One\n\nTwo", None)
    assert comment.source_url == first.url and comment.provenance.warc_record_id == "<urn:uuid:x>"
    assert ["page=2" in r.url or "page=3" in r.url for r in result.follow] == [True, True]
    blocked = wordpress.parse(answer(first, "<html>Forbidden</html>", status=403))
    assert blocked.error == "HTTP 403" and "rest_route=%2Fwp%2Fv2%2Fcomments" in blocked.follow[0].url
    html_200 = wordpress.parse(answer(blocked.follow[0], "<html>a theme's 404 page</html>"))
    assert html_200.error and html_200.follow == []  # no feed known: nothing left to try


def test_disqus_error_envelope_and_embed_without_data() -> None:
    config = SourceConfig(disqus_api_key="k", unofficial=frozenset({"disqus"}))
    request = disqus.list_posts(config, "9", None)
    bad = disqus.parse(answer(request, {"code": 5, "response": "Invalid API key"}, status=400), config)
    assert "Disqus API error 5" in (bad.error or "") and bad.comments == []
    embed = SourceRequest("https://disqus.com/embed/comments/?f=x", "disqus", "embed")
    assert "no disqus-threadData" in (disqus.parse(answer(embed, "<html></html>"), config).error or "")


def test_unofficial_endpoints_need_permission() -> None:
    (platform,) = detect(URL, {}, SNIPPETS["disqus"][0].encode())
    assert platforms.first_requests(platform, URL, SourceConfig()) == []
    (embed,) = platforms.first_requests(platform, URL, SourceConfig(unofficial=frozenset({"disqus"})))
    assert embed.step == "embed" and "f=example" in embed.url
    (api,) = platforms.first_requests(platform, URL, SourceConfig(disqus_api_key="mine"))
    assert api.step == "details" and "api_key=mine" in api.url
    (substack,) = detect(URL, {}, SNIPPETS["substack"][0].encode())
    assert platforms.first_requests(substack, URL, SourceConfig()) == []
    assert platforms.first_requests(substack, URL, SourceConfig(unofficial=frozenset({"*"})))


def test_isso_empty_thread_and_bad_answer() -> None:
    request = SourceRequest("https://c.example.org/?uri=%2Fx%2F", "isso", "thread")
    assert isso.parse(answer(request, "Not Found", status=404)).declared == 0
    assert isso.parse(answer(request, {"replies": "nope"})).error == "no 'replies' list"


def _comment(cid: str, text: str, author: str = "A", parent: str | None = None, published: str | None = None,
             platform: str | None = None) -> Comment:
    return Comment(id=cid, article_url=URL, author=author, text=text, parent_id=parent, published=published,
                   platform=platform, source_url="https://api" if platform else None)


def test_merge_keeps_page_order_and_adds_only_whats_missing() -> None:
    html = [_comment("comment-3", "Newest", published="2024-01-03T00:00:00+00:00"),  # newest first
            _comment("comment-9", "Pingback text", author="Blog", published="2024-01-02T12:00:00+00:00"),
            _comment("comment-1", "Oldest", published="2024-01-01T00:00:00+00:00")]
    api = [_comment("wordpress:1", "Oldest", published="2024-01-01T00:00:00+00:00", platform="wordpress"),
           _comment("wordpress:2", "Middle", published="2024-01-02T00:00:00+00:00", platform="wordpress"),
           _comment("wordpress:3", "Newest", published="2024-01-03T00:00:00+00:00", platform="wordpress"),
           _comment("wordpress:4", "Reply", parent="wordpress:1", published="2024-01-04T00:00:00+00:00",
                    platform="wordpress")]
    merged, report = merge_thread(html, api)
    assert [c.id for c in merged] == ["wordpress:3", "wordpress:9", "wordpress:2", "wordpress:1", "wordpress:4"]
    assert [c.position for c in merged] == [1, 2, 3, 4, 5] and merged[-1].depth == 2
    assert (report.matched, report.source_only, report.html_only) == (2, 2, 1)


def test_merge_of_a_thread_the_page_did_not_show_is_in_tree_order() -> None:
    api = [_comment("disqus:2", "Reply", parent="disqus:1", published="2024-01-02T00:00:00", platform="disqus"),
           _comment("disqus:3", "Second", published="2024-01-01T12:00:00+02:00", platform="disqus"),
           _comment("disqus:1", "First", published="2024-01-01T11:00:00+00:00", platform="disqus")]
    merged, _ = merge_thread([], api)
    assert [(c.id, c.depth) for c in merged] == [("disqus:3", 1), ("disqus:1", 1), ("disqus:2", 2)]


def test_merge_matches_by_content_when_ids_differ() -> None:
    html = [_comment("h-abc", "Same words here", author="Zoë")]
    api = [_comment("isso:7", "Same words here", author="Zoë", platform="isso", published="2024-01-01T00:00:00+00:00")]
    merged, report = merge_thread(html, api)
    assert [c.id for c in merged] == ["isso:7"] and report.matched == 1


def _first(name: str, config: SourceConfig | None = None) -> SourceRequest:
    (platform,) = detect(URL, {}, SNIPPETS[name][0].encode())
    (request,) = platforms.first_requests(platform, URL, config or SourceConfig(unofficial=frozenset({"*"}),
                                                                                 github_token="t"))
    return request


def test_discourse_topic_skips_the_excerpt_and_pages_the_stream() -> None:
    request = _first("discourse")
    assert request.url == "https://forum.example.org/t/77.json"
    posts = [{"id": 1, "post_number": 1, "cooked": "<p>Excerpt</p>", "name": "system"},
             {"id": 2, "post_number": 2, "cooked": "<p>First</p>", "username": "ana", "created_at": "2024-01-01T10:00:00.000Z"},
             {"id": 3, "post_number": 3, "cooked": "<p>Reply</p>", "name": "Bo", "reply_to_post_number": 2,
              "created_at": "2024-01-01T11:00:00.000Z"}]
    result = platforms.parse(answer(request, {"posts_count": 26, "post_stream": {"posts": posts,
                                                                                 "stream": list(range(1, 27))}}),
                             SourceConfig())
    assert [(c.id, c.parent_id, c.author) for c in result.comments] == [
        ("discourse:77/2", None, "ana"), ("discourse:77/3", "discourse:77/2", "Bo")]
    assert result.declared == 25 and len(result.follow) == 2 and "post_ids%5B%5D=4" in result.follow[0].url


def test_commento_substack_ghost_need_permission_and_read_their_shapes() -> None:
    for name in ("commento", "substack", "ghost"):
        (platform,) = detect(URL, {}, SNIPPETS[name][0].encode())
        assert platforms.first_requests(platform, URL, SourceConfig()) == []
    commento = _first("commento")
    assert commento.method == "POST" and json.loads(commento.body or b"{}")["path"] == "/2024/05/01/a-post/"
    data = {"success": True, "commenters": {"c1": {"name": "Ana", "link": "undefined", "photo": "x.png"}},
            "comments": [{"commentHex": "a1", "commenterHex": "c1", "html": "<p>Hi</p>", "parentHex": "root",
                          "creationDate": "2024-01-01T00:00:00Z"},
                         {"commentHex": "a2", "commenterHex": "c1", "html": "<p>Re</p>", "parentHex": "a1",
                          "creationDate": "2024-01-02T00:00:00Z"}]}
    result = platforms.parse(answer(commento, data), SourceConfig())
    assert [(c.id, c.parent_id, c.author_url) for c in result.comments] == [
        ("commento:a1", None, None), ("commento:a2", "commento:a1", None)]
    substack = _first("substack")
    nested = {"comments": [{"id": 1, "body": "Top", "name": "Ana", "date": "2024-01-01T00:00:00Z",
                            "children": [{"id": 2, "body": "Child", "name": "Bo", "photo_url": "p.png"}]}]}
    assert [(c.id, c.parent_id) for c in platforms.parse(answer(substack, nested), SourceConfig()).comments] == [
        ("substack:1", None), ("substack:2", "substack:1")]
    ghost = _first("ghost")
    page = {"comments": [{"id": "g1", "html": "<p>Top</p>", "member": {"name": "Ana", "avatar_image": "a.png"},
                          "created_at": "2024-01-01T00:00:00.000Z", "count": {"replies": 4},
                          "replies": [{"id": "g2", "html": "<p>R</p>", "member": {"name": "Bo"}}]}],
            "meta": {"pagination": {"page": 1, "pages": 2, "next": 2, "total": 150}}}
    result = platforms.parse(answer(ghost, page), SourceConfig())
    assert [(c.id, c.parent_id) for c in result.comments] == [("ghost:g1", None), ("ghost:g2", "ghost:g1")]
    assert {r.step for r in result.follow} == {"replies", "comments"} and result.declared == 150


def test_utterances_finds_the_issue_by_title_and_follows_link_pages() -> None:
    search = _first("utterances")
    assert search.headers["Authorization"] == "Bearer t" and "repo%3Aowner%2Fsite" in search.url
    found = platforms.parse(answer(search, {"items": [{"title": "2024/05/01/a-post-2", "number": 3},
                                                      {"title": "2024/05/01/a-post", "number": 4, "comments": 101}]}),
                            SourceConfig())
    (comments,) = found.follow
    assert comments.url.endswith("/repos/owner/site/issues/4/comments?per_page=100") and found.declared == 101
    page = [{"id": 11, "user": {"login": "ana", "html_url": "https://github.com/ana"}, "body_html": "<p>Hi</p>",
             "created_at": "2024-01-01T00:00:00Z"}]
    result = platforms.parse(answer(comments, page, headers={"link": '<https://api.github.com/x?page=2>; rel="next"'}),
                             SourceConfig())
    assert [c.id for c in result.comments] == ["utterances:11"] and result.follow[0].url.endswith("page=2")
    (giscus,) = detect(URL, {}, SNIPPETS["giscus"][0].encode())
    assert platforms.first_requests(giscus, URL, SourceConfig()) == []  # GraphQL needs the operator's token
