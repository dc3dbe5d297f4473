"""Comment extraction, one markup family or rule per test, on small hand-written pages."""

from __future__ import annotations

from archiver.page import Page
from archiver.parsers import ParseResult, parse_page

URL = "https://blog.example.org/2020/05/01/post/"
WP_HEAD = '<head><meta name="generator" content="WordPress 5.4"><title>Post - Blog</title></head>'


def parse(body: str, head: str = WP_HEAD, url: str = URL) -> ParseResult:
    html = f"<!DOCTYPE html><html lang='en'>{head}<body>{body}</body></html>"
    return parse_page(Page(url=url, body=html.encode("utf-8")))


def wp_comment(cid: int, author: str, when: str, text: str, depth: int = 1, children: str = "") -> str:
    """One comment as the WordPress default walker (HTML5 comment list) writes it."""
    reply_list = f'<ol class="children">{children}</ol>' if children else ""
    return (
        f'<li id="comment-{cid}" class="comment depth-{depth}">'
        f'<article id="div-comment-{cid}" class="comment-body"><footer class="comment-meta">'
        f'<div class="comment-author vcard"><img class="avatar" src="a.png" alt="">'
        f'<b class="fn"><a href="https://{author.lower()}.example.com/" class="url">{author}</a></b>'
        f' <span class="says">says:</span></div>'
        f'<div class="comment-metadata"><a href="#comment-{cid}"><time datetime="{when}">{when}</time></a></div>'
        f'</footer><div class="comment-content"><p>{text}</p></div>'
        f'<div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article>{reply_list}</li>'
    )


POST = '<article class="post hentry"><h1 class="entry-title">Post</h1><div class="entry-content"><p>Body.</p></div></article>'


def test_ol_comment_list_with_article_comment_body() -> None:
    thread = wp_comment(1, "Ann", "2020-05-02T10:00:00+00:00", "First!") + wp_comment(
        2, "Bob", "2020-05-03T11:30:00+02:00", "Second."
    )
    result = parse(f'{POST}<div id="comments" class="comments-area"><ol class="comment-list">{thread}</ol></div>')
    assert [(c.id, c.author, c.published, c.text) for c in result.comments] == [
        ("comment-1", "Ann", "2020-05-02T10:00:00+00:00", "First!"),
        ("comment-2", "Bob", "2020-05-03T11:30:00+02:00", "Second."),
    ]
    assert result.comments[0].author_url == "https://ann.example.com/"
    assert [c.position for c in result.comments] == [1, 2]
    assert all(c.page_url == URL and c.kind == "comment" for c in result.comments)


def test_old_ol_commentlist_with_cite_and_small_date() -> None:
    body = (
        f'{POST}<ol class="commentlist"><li id="comment-7" class="alt">'
        '<cite>Carla</cite> Says:<br><small class="commentmetadata"><a href="#comment-7">'
        "May 2nd, 2020 at 9:15 am</a></small><p>Nice post.</p></li></ol>"
    )
    (comment,) = parse(body).comments
    assert (comment.author, comment.published, comment.text) == ("Carla", "2020-05-02T09:15:00", "Nice post.")


def test_threaded_children_nested_in_parent() -> None:
    grandchild = wp_comment(3, "Cy", "2020-05-02T12:00:00+00:00", "Grandchild", depth=3)
    child = wp_comment(2, "Bo", "2020-05-02T11:00:00+00:00", "Child", depth=2, children=grandchild)
    top = wp_comment(1, "Al", "2020-05-02T10:00:00+00:00", "Top", children=child)
    result = parse(f'{POST}<ol class="comment-list">{top}</ol>')
    assert [(c.id, c.parent_id, c.depth) for c in result.comments] == [
        ("comment-1", None, 1),
        ("comment-2", "comment-1", 2),
        ("comment-3", "comment-2", 3),
    ]
    # A parent's text never includes its replies.
    assert [c.text for c in result.comments] == ["Top", "Child", "Grandchild"]


def test_broken_threading_children_list_is_a_sibling_of_its_parent() -> None:
    body = (
        f'{POST}<ol class="comment-list">'
        + wp_comment(1, "Al", "2020-05-02T10:00:00+00:00", "Top")
        + '<ul class="children">'
        + wp_comment(2, "Bo", "2020-05-02T11:00:00+00:00", "Reply", depth=2)
        + "</ul>"
        + wp_comment(3, "Cy", "2020-05-02T12:00:00+00:00", "Next top")
        + "</ol>"
    )
    result = parse(body)
    assert [(c.id, c.parent_id, c.depth) for c in result.comments] == [
        ("comment-1", None, 1),
        ("comment-2", "comment-1", 2),
        ("comment-3", None, 1),
    ]


def test_dl_dt_dd_comment_list() -> None:
    body = (
        f'{POST}<dl id="comment_list">'
        '<dt class="comment depth-1" id="comment-11"><span class="comment_author">Dee</span>'
        '<span class="comment_time"><a href="#comment-11">June 28, 2015 at 10:25 pm</a></span></dt>'
        '<dd class="comment depth-1"><div class="format_text"><p>Text one.</p></div></dd>'
        '<dt class="comment depth-1" id="comment-12"><span class="comment_author">Eve</span>'
        '<span class="comment_time"><a href="#comment-12">July 6, 2015 at 6:57 pm</a></span></dt>'
        '<dd class="comment depth-1"><div class="format_text"><p>Text two.</p></div></dd></dl>'
    )
    result = parse(body)
    assert [(c.author, c.published, c.text) for c in result.comments] == [
        ("Dee", "2015-06-28T22:25:00", "Text one."),
        ("Eve", "2015-07-06T18:57:00", "Text two."),
    ]


def test_hatom_comment_with_date_only_abbr_takes_the_visible_time() -> None:
    body = (
        f'{POST}<section id="comments"><ol id="comment-list" class="hfeed">'
        '<li id="comment-5" class="comment hentry"><p class="entry-title vcard">'
        '<cite class="author fn">Alex</cite> <span class="comment-meta">wrote on '
        '<a href="#comment-5"><abbr class="published" title="2015-03-11">March 11th, 2015</abbr> at 02:57</a>:'
        '</span></p><blockquote class="entry-content"><p>Great API.</p></blockquote></li></ol></section>'
    )
    (comment,) = parse(body).comments
    assert (comment.author, comment.published, comment.text) == ("Alex", "2015-03-11T02:57:00", "Great API.")


def test_pingback_and_trackback_kinds() -> None:
    body = (
        f'{POST}<ol class="commentlist">'
        '<li id="comment-1" class="pingback"><p>Pingback: <a href="https://other.example/">Other blog</a></p></li>'
        '<li id="comment-2" class="trackback"><p>Trackback from elsewhere</p></li>'
        '<li id="comment-3" class="comment"><p>Trackback: a comment that says so in its text</p></li>'
        "</ol>"
    )
    assert [c.kind for c in parse(body).comments] == ["pingback", "trackback", "trackback"]


def test_recent_comments_widget_is_not_comments() -> None:
    widget = (
        '<aside id="recent-comments-2" class="widget widget_recent_comments"><h2>Recent Comments</h2>'
        '<ul id="recentcomments"><li class="recentcomments"><span class="comment-author-link">Zed</span>'
        ' on <a href="/other/#comment-99">Other post</a></li></ul></aside>'
    )
    result = parse(POST + widget)
    assert result.comments == []
    assert result.article is not None and result.article.comments_found == 0


def test_comment_dates_never_become_the_article_date() -> None:
    body = (
        '<article class="post"><h1 class="entry-title">Undated post</h1><div class="entry-content"><p>x</p></div>'
        "</article>" + '<ol class="comment-list">' + wp_comment(1, "Al", "2021-01-02T03:04:05+00:00", "Hi") + "</ol>"
    )
    result = parse(body, url="https://blog.example.org/undated-post/")  # no day in the permalink either
    assert result.comments[0].published == "2021-01-02T03:04:05+00:00"
    assert result.article is not None and result.article.published is None


def test_year_less_comment_dates_take_the_post_year() -> None:
    body = (
        '<article class="post"><h1 class="entry-title">P</h1><time class="entry-date published" '
        'datetime="2019-06-19T19:38:08+00:00">June 19, 2019</time></article>'
        '<ol class="commentlist"><li id="comment-1" class="comment depth-1"><div class="comment-author vcard">'
        '<cite class="fn">Al</cite></div><div class="comment-meta"><a href="#c">Jun 20th at 2:41 am</a></div>'
        '<div class="comment-content"><p>Hi</p></div></li>'
        '<li id="comment-2" class="comment depth-1"><div class="comment-author vcard"><cite class="fn">Bo</cite></div>'
        '<div class="comment-meta"><a href="#c">Jan 3rd at 9:00 am</a></div>'
        '<div class="comment-content"><p>Later</p></div></li></ol>'
    )
    result = parse(body)
    assert [c.published for c in result.comments] == ["2019-06-20T02:41:00", "2020-01-03T09:00:00"]


def test_author_name_loses_says_and_trailing_comma() -> None:
    body = (
        f'{POST}<ol class="commentlist"><li id="comment-1" class="comment"><div class="comment-author vcard">'
        '<cite class="fn">Josef Lindner, </cite></div><div class="comment-content"><p>a</p></div></li>'
        '<li id="comment-2" class="comment"><div class="comment-author"><span>Maria</span> says:</div>'
        '<div class="comment-content"><p>b</p></div></li></ol>'
    )
    assert [c.author for c in parse(body).comments] == ["Josef Lindner", "Maria"]


def test_text_without_a_container_starts_after_the_author_line() -> None:
    body = (
        f'{POST}<ol class="commentlist"><li id="comment-4414" class="alt"><p class="comment-number">1</p>'
        "Kommentar<small> von </small><cite>Mareike</cite><br>"
        '<small class="commentmetadata">8. Dezember 2010 um 10:56</small>'
        "<p>Eine interessante Art Leber zuzubereiten.</p></li></ol>"
    )
    (comment,) = parse(body, head='<head><meta name="generator" content="WordPress 3.0"></head>').comments
    assert comment.author == "Mareike"
    assert comment.text == "Eine interessante Art Leber zuzubereiten."
    assert comment.published == "2010-12-08T10:56:00"


def test_duplicate_comment_ids_are_emitted_once() -> None:
    same = wp_comment(5, "Al", "2020-05-02T10:00:00+00:00", "Same text")
    result = parse(f'{POST}<ol class="comment-list">{same}{same}</ol>')
    assert [c.id for c in result.comments] == ["comment-5"]


def test_different_comments_sharing_an_id_are_both_kept() -> None:
    first = wp_comment(5, "Al", "2020-05-02T10:00:00+00:00", "One")
    second = wp_comment(5, "Bo", "2020-05-02T11:00:00+00:00", "Two")
    result = parse(f'{POST}<ol class="comment-list">{first}{second}</ol>')
    assert [(c.id, c.text) for c in result.comments] == [("comment-5", "One"), ("comment-5~2", "Two")]


def test_emoji_only_comment_keeps_the_emoji() -> None:
    emoji = '<img draggable="false" class="emoji" alt="😀" src="https://s.w.org/images/core/emoji/1f600.svg">'
    result = parse(f'{POST}<ol class="comment-list">{wp_comment(1, "Al", "2020-05-02", emoji)}</ol>')
    assert result.comments[0].text == "😀"


def test_link_only_comment_keeps_the_link() -> None:
    linked_image = '<a href="https://pics.example.com/cat.jpg"><img src="https://pics.example.com/cat.jpg" alt=""></a>'
    result = parse(f'{POST}<ol class="comment-list">{wp_comment(1, "Al", "2020-05-02", linked_image)}</ol>')
    assert result.comments[0].text == "https://pics.example.com/cat.jpg"


def test_comment_without_id_gets_a_stable_content_id() -> None:
    body = (
        f'{POST}<div id="comments"><div class="comment"><span class="comment-author">Al</span>'
        '<div class="comment-text"><p>No id here</p></div></div></div>'
    )
    first = parse(body).comments[0].id
    assert first.startswith("h-") and first == parse(body).comments[0].id


def test_disqus_placeholder_gives_a_note_not_comments() -> None:
    result = parse(POST + '<div id="disqus_thread"></div><script src="https://x.disqus.com/embed.js"></script>')
    assert result.comments == []
    assert result.notes == ["comments not in HTML"]


def test_declared_count_without_comments_is_a_shortfall_not_a_script_widget() -> None:
    result = parse(POST + '<div id="comments"><h2 class="comments-title">16 Kommentare</h2></div>')
    assert result.article is not None and result.article.comment_count == 16
    assert result.notes == ["declared 16 comments, found 0"]


def test_records_without_text_are_dropped_and_counted() -> None:
    empty = '<li id="comment-9" class="comment"><div class="comment-author"><cite class="fn">Al</cite></div></li>'
    result = parse(f'{POST}<ol class="comment-list">{wp_comment(1, "Bo", "2020-05-02", "Hi")}{empty}</ol>')
    assert [c.id for c in result.comments] == ["comment-1"]
    assert result.dropped == 1
    assert "1 comment record without text dropped" in result.notes


def test_comments_without_author_or_date_are_noted() -> None:
    bare = '<li id="comment-3" class="comment"><div class="comment-content"><p>Anonymous words</p></div></li>'
    result = parse(f'{POST}<ol class="comment-list">{bare}</ol>')
    assert [(c.author, c.published, c.text) for c in result.comments] == [(None, None, "Anonymous words")]
    assert result.notes == ["comments without author (1), date (1)"]


def test_declared_count_that_differs_from_the_comments_found() -> None:
    thread = wp_comment(1, "Al", "2020-05-02", "a") + wp_comment(2, "Bo", "2020-05-02", "b")
    result = parse(f'{POST}<div id="comments"><h2 class="comments-title">5 Comments</h2>'
                   f'<ol class="comment-list">{thread}</ol></div>')
    assert result.notes == ["declared 5 comments, found 2"]


def test_reply_to_a_renamed_duplicate_points_at_the_renamed_id() -> None:
    reply = wp_comment(6, "Cy", "2020-05-02T12:00:00+00:00", "Reply to Two", depth=2)
    first = wp_comment(5, "Al", "2020-05-02T10:00:00+00:00", "One")
    second = wp_comment(5, "Bo", "2020-05-02T11:00:00+00:00", "Two", children=reply)
    result = parse(f'{POST}<ol class="comment-list">{first}{second}</ol>')
    assert [(c.id, c.parent_id) for c in result.comments] == [
        ("comment-5", None), ("comment-5~2", None), ("comment-6", "comment-5~2"),
    ]


def test_comments_declared_only_in_json_ld() -> None:
    data = (
        '{"@context": "https://schema.org", "@type": "BlogPosting", "headline": "T", "commentCount": 2,'
        ' "datePublished": "2021-04-01T08:00:00+02:00",'
        ' "comment": [{"@type": "Comment", "@id": "https://blog.example.org/p/#comment-31",'
        ' "author": {"@type": "Person", "name": "Ana", "url": "https://ana.example.com/"},'
        ' "dateCreated": "2021-04-02T09:30:00+02:00", "text": "First line.\\n\\nSecond paragraph.",'
        ' "comment": [{"@type": "Comment", "@id": "https://blog.example.org/p/#comment-32",'
        ' "author": "Ben", "dateCreated": "2021-04-02T10:00:00+02:00", "text": "A reply."}]}]}'
    )
    result = parse("<h1>T</h1><div id='disqus_thread'></div>",
                   head=f'<head><script type="application/ld+json">{data}</script></head>')
    assert [(c.id, c.author, c.published, c.text, c.parent_id, c.depth) for c in result.comments] == [
        ("comment-31", "Ana", "2021-04-02T09:30:00+02:00", "First line.\n\nSecond paragraph.", None, 1),
        ("comment-32", "Ben", "2021-04-02T10:00:00+02:00", "A reply.", "comment-31", 2),
    ]
    assert result.comments[0].author_url == "https://ana.example.com/"
    assert result.notes == []
    assert result.article is not None and result.article.parser is not None
    assert "metadata@1" in result.article.parser


def test_html_comments_win_over_json_ld_comments() -> None:
    data = '{"@type": "BlogPosting", "comment": [{"@type": "Comment", "text": "from JSON-LD"}]}'
    body = '<h1>T</h1><ol class="commentlist"><li id="comment-1" class="comment"><div class="comment-content">from HTML</div></li></ol>'
    result = parse(body, head=f'<head><script type="application/ld+json">{data}</script></head>')
    assert [c.text for c in result.comments] == ["from HTML"]


def test_a_comment_of_a_linked_picture_keeps_its_link_and_one_of_an_icon_is_hollow() -> None:
    """A comment whose only content is a linked picture is that link; one whose content is
    a link that shows nothing but an icon (a profile's glyph) shows no words: dropped and
    counted, never written with the link's address as its text."""
    picture = '<a href="https://img.example.org/cat.jpg"><img src="https://img.example.org/cat-s.jpg" alt=""></a>'
    icon = '<a href="https://social.example.com/ann"><span class="glyph glyph-social"></span></a>'
    thread = (wp_comment(1, "Ann", "2020-05-02T10:00:00+00:00", picture)
              + wp_comment(2, "Bob", "2020-05-03T11:30:00+00:00", icon)
              + wp_comment(3, "Cy", "2020-05-03T12:30:00+00:00", "Third."))
    result = parse(f'{POST}<div id="comments"><ol class="comment-list">{thread}</ol></div>')
    assert [(c.author, c.text) for c in result.comments] == [("Ann", "https://img.example.org/cat.jpg"), ("Cy", "Third.")]
    assert result.dropped == 1


def _rated(cid: int, name: str, stamp: str, age: str, text: str) -> str:
    """A record after a recipe site's markup: utility classes that name the date and the
    words alike "text-…"."""
    return (f'<div class="pb-6" id="comment-{cid}"><div class="flex justify-between"><div class="flex gap-5">'
            f'<strong class="text-lg">{name}</strong><time class="text-13px uppercase" dateTime="{stamp}">{age}</time>'
            f'</div></div><p class="text-base font-serif">{text}</p></div>\n')


def test_a_date_named_like_the_text_is_never_the_text() -> None:
    """A short comment ("Absolutely") beside a date whose element is named for text like
    it, and longer: the words are the comment's, the date is its date."""
    thread = ('<div class="comments-list">\n'
              + _rated(45737, "Sueathome", "2021-06-25T09:11:37.000Z", "5 years ago",
                       "I made this and it is divine! I replace vinegar with lemon juice.")
              + _rated(45743, "Sueathome", "2021-06-25T09:12:28.000Z", "5 years ago", "Absolutely")
              + _rated(13828, "Jennifer", "2021-04-26T09:31:47.000Z", "5 years ago", "Never thought it would be this good!")
              + '</div>\n')
    result = parse(POST + thread)
    assert [(c.author, c.text) for c in result.comments] == [
        ("Sueathome", "I made this and it is divine! I replace vinegar with lemon juice."),
        ("Sueathome", "Absolutely"), ("Jennifer", "Never thought it would be this good!")]
    assert result.comments[1].published == "2021-06-25T09:12:28+00:00"


def test_a_record_whose_only_line_besides_the_name_is_its_age_is_hollow() -> None:
    """A record that shows its commenter and "3 hours ago" and no words of its own (they
    are loaded later, or were removed) is no comment: dropped and counted, never written
    with its age as its text."""
    def record(cid: int, name: str, words: str) -> str:
        return (f'<li id="comment-{cid}" class="comment"><div class="comment-author"><b class="fn">{name}</b></div>'
                f'<p class="info-stamp">3 hours ago</p>{words}</li>\n')
    thread = ('<ol class="commentlist">\n' + record(1, "Mita B.", "")
              + record(2, "Aideen O.", "<p>I never thought to use hairspray before! Thanks for the tip.</p>")
              + '</ol>\n')
    result = parse(POST + thread)
    assert [(c.author, c.text) for c in result.comments] == [
        ("Aideen O.", "I never thought to use hairspray before! Thanks for the tip.")]
    assert result.dropped == 1
