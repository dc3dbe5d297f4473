"""Comment markup families the extractor recognises by structure and content, one small
hand-written page per family (each written after the markup of real pages of that family,
with other names and texts), and the name hints it reads.
"""

from __future__ import annotations

import pytest

from archiver.page import Page
from archiver.parsers import ParseResult, parse_page
from archiver.parsers.comments import CommentIndex
from archiver.parsers.hints import Role, class_role, id_role, words
from archiver.parsers.text import name_shaped

URL = "https://blog.example.org/2012/11/01/a-post/"
POST = '<article class="post"><h1>A post</h1><div class="entry-content"><p>Body text of the post.</p></div></article>'


def parse(body: str, lang: str = "en", head: str = "<title>A post</title>") -> ParseResult:
    html = f"<!DOCTYPE html><html lang='{lang}'><head>{head}</head><body>{POST}{body}</body></html>"
    return parse_page(Page(url=URL, body=html.encode("utf-8")))


def rows(result: ParseResult) -> list[tuple]:
    return [(c.id, c.author, c.published, c.text, c.parent_id) for c in result.comments]


@pytest.mark.parametrize(("name", "role"), [
    ("comments-author--meta", Role.AUTHOR), ("comments-author--time", Role.DATE), ("comments-area", Role.THREAD),
    ("c-article-partage-commentaire-popup-overlay", Role.NOISE), ("comment-write", Role.NOISE),
    ("dummy-comment", Role.NOISE), ("comment-share-teilen", Role.ACTION),
    ("comment", Role.RECORD), ("commentlist", Role.THREAD), ("wp-block-comments", Role.THREAD),
    ("wp-block-comment-author-name", Role.AUTHOR), ("wp-block-comment-date", Role.DATE),
    ("wp-block-comment-content", Role.TEXT), ("cnnCommentMeta", Role.META), ("cnn_cmttext", Role.TEXT),
    ("dsq-comment", Role.RECORD), ("dsq-comment-message", Role.TEXT), ("comment-form-author", Role.NOISE),
    ("field--name-comment-body", Role.TEXT), ("comment-reply-link", Role.ACTION), ("commentary", Role.NONE),
    ("text-right", Role.NONE), ("comments-title", Role.NOISE),
])
def test_class_names_hint_at_roles(name: str, role: Role) -> None:
    assert class_role(name) is role


def test_names_are_split_into_words() -> None:
    assert words("cnnCommentMeta") == ("cnn", "comment", "meta")
    assert words("commentmetadata") == ("comment", "metadata")
    assert words("ljcmt123") == ("lj", "cmt", "123")


@pytest.mark.parametrize(("value", "key"), [
    ("comment-42", "42"), ("li-comment-42", "42"), ("comment-6a00d83451f23a69", "6a00d83451f23a69"),
    ("dsq-comment-99", "99"), ("comment-w12", "w12"),
])
def test_ids_give_the_comment_key(value: str, key: str) -> None:
    role, found, _weak = id_role(value)
    assert (role, found) == (Role.RECORD, key)


def test_a_column_named_for_the_sidebar_on_its_side_is_no_sidebar() -> None:
    """``div.col.sidebar-on-right`` is the content column with the sidebar on its right:
    the thread in it is the post's."""
    entry = ('<li class="comment depth-1" id="comment-{n}"><div class="comment-body">'
             '<div class="comment-author"><strong>Reader {n}</strong> skrev:</div>'
             '<div class="comment-date">10. februar 2021 kl. 11:5{n}</div>'
             '<div class="comment-text"><p>Pancakes for the whole family, number {n}.</p></div></div></li>')
    body = ('<div class="col sidebar-on-right"><div class="wrapper"><div id="comments"><ul class="comments">'
            + "".join(entry.format(n=n) for n in (1, 2)) + "</ul></div></div></div>")
    assert [(c.author, c.text) for c in parse(body, lang="da").comments] == [
        ("Reader 1", "Pancakes for the whole family, number 1."), ("Reader 2", "Pancakes for the whole family, number 2.")]


@pytest.mark.parametrize(("label", "lang"), [("Commento di", "it"), ("Risposta di", "it"), ("Antwort von", "de"),
                                           ("Réponse de", "fr")])
def test_the_words_before_a_commenters_name_are_not_the_name(label: str, lang: str) -> None:
    entry = ('<li id="comment-{n}" class="col-12"><div class="card"><div class="card-header cuser">'
             f'{label} <strong>Giovanna {{n}}</strong> <span class="text-muted">24.10.2020 11:0{{n}}</span></div>'
             '<div class="card-body comm_user"><p>Si può usare il colorante rosa, domanda numero {n}?</p></div></div></li>')
    body = '<ol id="commentlist">' + "".join(entry.format(n=n) for n in (1, 2)) + "</ol>"
    assert [c.author for c in parse(body, lang=lang).comments] == ["Giovanna 1", "Giovanna 2"]


def test_a_comments_own_heading_is_its_title() -> None:
    """SB Nation's and Slashdot's subject lines: the commenter's heading over the text is
    kept as the comment's title; a heading that repeats the text's first words (Drupal's
    subject made of them), the name line and a counter are no title."""
    entry = ('<div class="citem" id="comment_item_{n}"><div class="comment" id="comment_inner_{n}">'
             '<h5 class="comment_title"><a href="#" onclick="toggle({n})">{title}</a></h5>'
             '<div class="cbody"><p>{text}</p></div>'
             '<p class="by">by <a href="/users/fan{n}">fan{n}</a> on <span class="time">Aug 9, 2012 10:4{n} AM EDT</span>'
             '</p></div></div>')
    comments = [
        ("Pretty amazing when the shot includes the far field", "And it is as crisp as if it were the focus."),
        ("Fiz hoje e o maridão...", "Fiz hoje e o maridão delirou com o arroz."),
        ("fan3", "A heading that is only the commenter's name is the name line."),
        ("1 comment", "A counter over a comment is no title of it."),
    ]
    body = "".join(entry.format(n=n, title=t, text=x) for n, (t, x) in enumerate(comments, 1))
    found = parse(body).comments
    assert [(c.author, c.title, c.text) for c in found] == [
        ("fan1", comments[0][0], comments[0][1]), ("fan2", None, comments[1][1]), ("fan3", None, comments[2][1]),
        ("fan4", None, comments[3][1])]


def test_a_keyed_wrapper_with_a_date_label_around_one_comment_box() -> None:
    """Posterous: ``div.commentunit#comment_N`` holds the date in its label and the comment
    (name "said...", text) in an unnamed ``div.comment``: one comment, with the date and
    the wrapper's id."""
    entry = ('<div class="commentunit" id="comment_{n}"><a name="pcomment_commentunit_{n}"></a>'
             '<div class="comment_label"><div class="comment_date">Oct 04, 2010</div></div>'
             '<div class="comment"><div class="commentname">Reader{n} said...</div>'
             'Is the shuttle back to Stanford at {n}?</div></div>')
    body = '<div class="posterous_comments_list">' + "".join(entry.format(n=n) for n in (5601228, 5601750)) + "</div>"
    assert [(c.id, c.author, c.published, c.text) for c in parse(body).comments] == [
        ("comment-5601228", "Reader5601228", "2010-10-04", "Is the shuttle back to Stanford at 5601228?"),
        ("comment-5601750", "Reader5601750", "2010-10-04", "Is the shuttle back to Stanford at 5601750?")]


@pytest.mark.parametrize(("age", "lang"), [("6天前", "zh"), ("3 hours ago", "en"), ("vor 2 Tagen", "de"), ("há 5 dias", "pt")])
def test_an_age_in_place_of_the_date_on_the_name_line(age: str, lang: str) -> None:
    """The Paper: each comment shows "<h3><a>NAME</a> <span>6天前</span></h3>", its text in a
    link, and a reply box that opens on a click (a hidden textarea). The age is no date to
    read, but it marks the name line: the name is the commenter, the age is no text, and
    the hidden reply box does not make the comment a form."""
    entry = ('<div class="comment_que" id="commentHot2477{n}"><div class="aqwleft"><a href="/u/{n}"><img src="/a.jpg">'
             '</a></div><div class="aqwright"><h3><a href="/u/{n}" ref="nofollow">读者{n}</a> <span>{age}</span></h3>'
             '<div class="ansright_cont"><a href="javascript:replyFloor({n});">先低价服务让你对他有依赖性，第{n}条。</a></div>'
             '<div class="ansright_time"><a href="javascript:prise({n})">278</a> | <a href="javascript:replyFloor({n})">回复</a>'
             '</div><div class="ansright_aqans" style="display:none"><textarea></textarea><a href="#">发表</a></div>'
             '</div></div>')
    body = '<div id="mainContent">' + "".join(entry.format(n=n, age=age) for n in (1, 2)) + "</div>"
    assert [(c.author, c.published, c.text) for c in parse(body, lang=lang).comments] == [
        ("读者1", None, "先低价服务让你对他有依赖性，第1条。"), ("读者2", None, "先低价服务让你对他有依赖性，第2条。")]


def test_a_comment_anchor_inside_its_date_marks_the_row_around_it() -> None:
    """Pluck's comment table: the name in one cell, the date with the comment's anchor and
    the text in the next. The anchor's parent is the date, a part: the comment is the row
    that also holds the name (broken by a zero-width space, which no reader sees)."""
    row = ('<tr><td id="commentUser"><div id="comment-username"><a href="/community/?userid={n}">Frozen\u200bCanadian{n}'
           '</a></div></td><td id="commentBody"><div class="commentTimeStamp">3/23/2010 2:3{n}:43 PM'
           '<a id="pluck-comment-index-{n}" name="CommentKey:7efbeb7d-{n}"></a></div>'
           '<div class="commentText">Rather pointless, if no one is working these jobs, number {n}.</div></td></tr>')
    body = '<div id="latest-comments"><table id="pluckCommentsTable"><tbody>' + "".join(
        row.format(n=n) for n in (1, 2)) + "</tbody></table></div>"
    assert [(c.author, c.published, c.text) for c in parse(body).comments] == [
        ("FrozenCanadian1", "2010-03-23T14:31:43", "Rather pointless, if no one is working these jobs, number 1."),
        ("FrozenCanadian2", "2010-03-23T14:32:43", "Rather pointless, if no one is working these jobs, number 2.")]


def test_the_microdata_comment_text_is_the_text() -> None:
    """Globo's comments: "texto-respondido" (", respondido", a replied-to mark by the date)
    is named for text too, but ``itemprop="commentText"`` says which element is the text."""
    entry = ('<li id="comentario-4215848{n}" itemscope itemtype="http://schema.org/UserComments">'
             '<div class="glbComentarios-conteudo"><div itemprop="creator" itemscope itemtype="http://schema.org/Person" '
             'class="glbComentarios-dados-usuario"><strong itemprop="name">Leitor {n}</strong>'
             '<div class="glbComentarios-data"><abbr itemprop="commentTime" title="2014-12-26T19:15:5{n}">'
             '2014-12-26T19:15:5{n}</abbr><span class="texto-respondido">, respondido</span></div></div>'
             '<p class="glbComentarios-texto-comentario" itemprop="commentText">Ontem eu vi este jogador no treino, {n}.</p>'
             '<button type="button" class="glbComentarios-bt-responder">Responder</button></div></li>')
    body = '<ul class="glbComentarios-lista">' + "".join(entry.format(n=n) for n in (1, 2)) + "</ul>"
    assert [c.text for c in parse(body, lang="pt").comments] == [
        "Ontem eu vi este jogador no treino, 1.", "Ontem eu vi este jogador no treino, 2."]


def test_typepad_posted_by_footer() -> None:
    body = ('<div class="comments-content">'
            '<a id="c6a00aa01"></a><div class="comment" id="comment-6a00aa01">'
            '<div class="comment-content"><p>Clear and useful, thank you.</p></div>'
            '<p class="comment-footer">Posted by: <a href="http://ann.example/">Ann Lee</a> | '
            '<a href="#comment-6a00aa01">November 01, 2012 at 03:22 PM</a></p></div></div>')
    assert rows(parse(body)) == [("comment-6a00aa01", "Ann Lee", "2012-11-01T15:22:00", "Clear and useful, thank you.", None)]


def test_drupal_anchor_before_the_comment_and_replies_in_an_indented_block() -> None:
    def comment(number: int, name: str, text: str) -> str:
        return (f'<a id="comment-{number}"></a><div class="comment clearfix">'
                f'<h3 class="title"><a href="#comment-{number}">Subject {number}</a></h3>'
                f'<div class="submitted">Submitted by <span class="username">{name}</span> on '
                f'Mon, 03/05/2012 - 10:0{number}</div><div class="content"><p>{text}</p></div></div>')
    body = (f'<div id="comments">{comment(1, "Bea", "First words.")}'
            f'<div class="indented">{comment(2, "Cal", "An answer.")}</div></div>')
    assert rows(parse(body)) == [
        ("comment-1", "Bea", "2012-03-05T10:01:00", "First words.", None),
        ("comment-2", "Cal", "2012-03-05T10:02:00", "An answer.", "comment-1"),
    ]


def test_unnamed_dt_dd_thread_with_name_and_date_in_the_line() -> None:
    body = ('<div id="comments"><dl>'
            '<dt><a href="#1">1.</a> Dora - October 26, 2012</dt><dd><p>Nice bridge.</p></dd>'
            '<dt><a href="#2">2.</a> Emil - October 27, 2012</dt><dd><p>Indeed it is.</p></dd>'
            '</dl></div>')
    assert [(c.author, c.published, c.text) for c in parse(body).comments] == [
        ("Dora", "2012-10-26", "Nice bridge."), ("Emil", "2012-10-27", "Indeed it is."),
    ]


def test_said_line_and_date_line_without_any_names() -> None:
    body = ('<div class="comments"><ol>'
            '<li id="comment-7"><p>August 9th, 2012 at 8:38 am</p><p><strong><a class="url" href="http://f.example/">'
            'Finn</a></strong> said,</p><p>Which hotels did you stay at?</p></li></ol></div>')
    assert rows(parse(body)) == [("comment-7", "Finn", "2012-08-09T08:38:00", "Which hotels did you stay at?", None)]


def test_blogger_time_only_and_the_permalink_epoch() -> None:
    body = ('<div id="comments"><dl id="comments-block">'
            '<dt class="comment-author" id="c7183"><a name="c7183"></a><a href="http://g.example/">Gus</a> said...</dt>'
            '<dd class="comment-body"><p>Great find.</p></dd>'
            '<dd class="comment-footer"><span class="comment-timestamp">'
            '<a href="https://x.blogspot.com/2011/03/post.html?showComment=1299080040000#c7183">7:34 AM</a>'
            '</span></dd></dl></div>')
    result = parse(body)
    assert [(c.author, c.published, c.text) for c in result.comments] == [("Gus", "2011-03-02T07:34:00", "Great find.")]


def test_a_run_of_unnamed_records_named_for_comments_another_way() -> None:
    def entry(name: str, when: str, text: str) -> str:
        return (f'<div class="commentbody by-{name.lower()}"><p>{text}</p>'
                f'<p class="posted">Posted by: {name} at <a href="#">{when}</a></p></div>')
    body = entry("Hal", "November 8, 2012 7:12 AM", "A fine point.") + entry("Ida", "November 8, 2012 7:22 AM", "Agreed.")
    assert [(c.author, c.published, c.text) for c in parse(body).comments] == [
        ("Hal", "2012-11-08T07:12:00", "A fine point."), ("Ida", "2012-11-08T07:22:00", "Agreed."),
    ]


def test_a_run_of_teaser_links_is_no_thread() -> None:
    teasers = "".join(f'<li><a href="/story-{n}/">Story number {n} with a long linked title</a> '
                      f"<span>March {n}, 2023</span></li>" for n in range(1, 6))
    assert parse(f'<section class="most-commented-comments"><ul>{teasers}</ul></section>').comments == []


def test_a_name_after_in_reply_to_is_not_the_author() -> None:
    body = ('<ul class="comments"><li class="comment-item" id="forum81474"><div class="comment hreview">'
            '<p class="comment-meta"><time datetime="2019-07-17T20:09:45Z">Le 17 juillet 2019 à 22:09</time>, '
            '<span class="reviewer vcard">par Horus</span> <span class="item">En réponse à : '
            '<a class="url fn" href="/the-post">The post itself</a></span></p>'
            '<div class="comment-content"><p>Quelle pitié !</p></div></div></li></ul>')
    (comment,) = parse(body, lang="fr").comments
    assert (comment.author, comment.published, comment.text) == ("Horus", "2019-07-17T22:09:45+02:00", "Quelle pitié !")


def test_a_record_without_text_is_dropped_and_counted() -> None:
    body = ('<ol class="commentlist"><li class="comment" id="comment-1"><cite class="fn">Jo</cite>'
            '<div class="comment-meta">May 1, 2020</div></li></ol>')
    result = parse(body)
    assert result.comments == [] and result.dropped == 1


def _tags(extra: str) -> list[str]:
    html = (f"<!DOCTYPE html><html><head><title>A post</title></head><body>"
            f"<article class='post'><h1>A post</h1><div class='entry-content'><p>Body text of the post.</p></div>"
            f"{extra}</article></body></html>")
    return parse_page(Page(url=URL, body=html.encode("utf-8"))).article.tags


def test_a_block_named_as_a_list_of_tags_gives_the_tags_even_in_a_nav() -> None:
    listed = ('<nav class="article-tags"><ul class="article-tags__list"><li><a href="/thema/rail">Rail</a></li>'
              '<li><a href="/thema/europe">Europe</a></li></ul></nav>')
    assert _tags(listed) == ["Rail", "Europe"]


def test_a_tag_cloud_or_a_navbar_is_no_list_of_this_posts_tags() -> None:
    cloud = '<div class="widget tag-cloud"><a href="/thema/rail">Rail</a> <a href="/thema/sea">Sea</a></div>'
    navbar = '<div class="navbar-tags"><a href="/world">World</a> <a href="/money">Money</a></div>'
    assert _tags(cloud + navbar) == []


def test_a_section_named_for_tags_that_is_mostly_prose_is_no_tag_list() -> None:
    prose = ('<div class="post-tags-intro"><p>' + "A long paragraph about the topic of this post. " * 6
             + '<a href="/thema/rail">Rail</a></p></div>')
    assert _tags(prose) == []


def test_markup_comments_between_words_do_not_split_a_line() -> None:
    # React's server rendering puts an empty HTML comment between adjacent text pieces
    body = ('<ul class="Comments__CommentList"><li><a name="comment-71"></a><div><strong>Dora</strong> <!-- -->sagt:'
            '<br/><time datetime="2019-05-23T09:05:00+02:00">23.05.2019 - 09:05</time><br/>'
            '<div>Schön geschrieben, danke!</div><button>antworten</button></div></li>'
            '<li><a name="comment-72"></a><div><strong>Emil</strong> <!-- -->sagt:<br/>'
            '<time datetime="2019-05-23T10:15:00+02:00">23.05.2019 - 10:15</time><br/>'
            '<div>Gern geschehen.</div><button>antworten</button></div></li></ul>')
    assert [(c.author, c.text) for c in parse(body, lang="de").comments] == [
        ("Dora", "Schön geschrieben, danke!"), ("Emil", "Gern geschehen.")]


def test_pluck_comm_names_a_withheld_name_and_an_ignored_message() -> None:
    def record(name: str, stamp: str, text: str) -> str:
        return ('<div class="pluck-comm-single-comment-main"><div class="pluck-comm-comment-content">'
                '<h4 class="pluck-comm-username-url pluck-comm-username-withheld"><span>Name withheld</span></h4>'
                f'<h4 class="pluck-comm-username-url pluck-comm-username-display"><a href="/profile/?UID=7">{name}</a></h4>'
                f'<p class="pluck-comm-timestamp">wrote on {stamp}</p>'
                f'<p class="pluck-comm-ignoredmsg"><em>This comment is hidden because you ignore {name}.</em></p>'
                f'<p class="pluck-comm-body">{text}</p>'
                '<div class="pluck-comm-comment-action-group"><a class="pluck-abuse-report">Report Abuse</a></div>'
                '</div></div>')
    body = ('<div class="pluck-comm-comments-list">'
            + record("gwen88", "March 2, 2011 @ 9:15 AM", "Loved the piece about the harbour.")
            + record("Old Salt", "March 2, 2011 @ 10:40 AM", "The ferry schedule changed last year.") + '</div>')
    assert [(c.author, c.published, c.text) for c in parse(body).comments] == [
        ("gwen88", "2011-03-02T09:15:00", "Loved the piece about the harbour."),
        ("Old Salt", "2011-03-02T10:40:00", "The ferry schedule changed last year."),
    ]


def test_spip_forum_messages_in_a_list_named_forum() -> None:
    def message(number: int, who: str, when: str, text: str) -> str:
        author = f'<b class="forum-qui">{who}</b>' if who else ""
        return (f'<li class="forum-fil"><div class="forum-top"><a id="forum{number}" name="forum{number}"></a>'
                f'<span class="forum-date">({when})</span>{author}</div>'
                f'<div class="forum-texte"><p>{text}</p></div></li>')
    body = ('<h2>3 commentaires</h2><ul class="forum">'
            + message(501, "Lise", "4 mars 2016 @09h10", "Un texte très juste sur la ville.")
            + message(502, "", "4 mars 2016 @10h02", "Je ne suis pas d'accord avec la fin.")
            + message(503, "Marc", "5 mars 2016 @18h45", "Merci pour les sources.") + '</ul>')
    assert [(c.author, c.published, c.text) for c in parse(body, lang="fr").comments] == [
        ("Lise", "2016-03-04T09:10:00", "Un texte très juste sur la ville."),
        (None, "2016-03-04T10:02:00", "Je ne suis pas d'accord avec la fin."),
        ("Marc", "2016-03-05T18:45:00", "Merci pour les sources."),
    ]


@pytest.mark.parametrize(("name", "role"), [
    ("forum", Role.THREAD), ("forum-texte", Role.TEXT), ("forum-qui", Role.NONE), ("forum-chapo", Role.NONE),
])
def test_forum_is_a_weak_comment_word(name: str, role: Role) -> None:
    assert class_role(name) is role


def test_a_comment_box_holding_a_run_of_lists_with_the_owners_answers_inside() -> None:
    def entry(floor: int, who: str, when: str, text: str, answer: str = "") -> str:
        reply = (f'<li class="reply-text">{answer}<p><a href="/blog">Lan</a> 於 2014/02/0{floor} 21:0{floor} 回覆</p></li>'
                 if answer else "")
        return (f'<ul class="single-post"><li class="post-info"><span class="floor">#{floor}</span>'
                f'<span class="user-name"><a href="/u{floor}">{who}</a></span>'
                f'<span class="post-time">於 {when}</span></li>'
                f'<li class="post-text"><p id="comment-{900 + floor}"></p>{text}</li>{reply}</ul>')
    body = ('<div id="comment-box"><h3>留言列表 (3)</h3><div class="comment-text">'
            + entry(1, "小林", "2014/02/01 10:15", "山上的楓葉真漂亮，謝謝分享", "謝謝小林的來訪！")
            + entry(2, "阿美", "2014/02/01 11:20", "下次也想去露營看看")
            + entry(3, "大華", "2014/02/02 08:05", "照片拍得很好", "大華早安，謝謝！") + '</div></div>')
    found = parse(body, lang="zh-TW").comments
    assert [(c.author, c.published, c.text, c.depth) for c in found] == [
        ("小林", "2014-02-01T10:15:00", "山上的楓葉真漂亮，謝謝分享", 1),
        ("Lan", "2014-02-01T21:01:00", "謝謝小林的來訪！", 2),
        ("阿美", "2014-02-01T11:20:00", "下次也想去露營看看", 1),
        ("大華", "2014-02-02T08:05:00", "照片拍得很好", 1),
        ("Lan", "2014-02-03T21:03:00", "大華早安，謝謝！", 2),
    ]
    assert found[1].parent_id == found[0].id and found[4].parent_id == found[3].id


def test_divi_comment_with_glued_postinfo_and_a_pinglist() -> None:
    body = ('<section id="comment-wrap"><h1 id="comments">2 Kommentare</h1><ol class="commentlist">'
            '<li id="li-comment-31" class="comment depth-1"><article id="comment-31" class="comment-body">'
            '<div class="comment_postinfo"><span class="fn">Ulla</span>'
            '<span class="comment_date">am 3. Mai 2018 um 08:12</span></div>'
            '<div class="comment_area"><div class="comment-content"><p>Danke für die klare Darstellung.</p></div></div>'
            '</article></li></ol>'
            '<div id="trackbacks"><h3>Trackbacks/Pingbacks</h3><ol class="pinglist">'
            '<li id="comment-32"><a href="https://other.example/ueber-den-text/" class="url">Über den Text</a>'
            ' - […] wie hier beschrieben […]</li></ol></div></section>')
    found = parse(body, lang="de").comments
    assert [(c.id, c.kind, c.author, c.published) for c in found] == [
        ("comment-31", "comment", "Ulla", "2018-05-03T08:12:00"),
        ("comment-32", "pingback", "Über den Text", None),
    ]
    assert found[1].author_url == "https://other.example/ueber-den-text/"


@pytest.mark.parametrize(("name", "expected"), [
    ("comment_postinfo", ("comment", "post", "info")), ("usermeta", ("user", "meta")), ("entrydate", ("entry", "date")),
    ("postman", ("postman",)),
])
def test_part_words_glued_to_a_word_before_them_are_split(name: str, expected: tuple) -> None:
    assert words(name) == expected


def _dates(head: str, shown: str, lang: str = "en") -> tuple[str | None, str | None]:
    """(published, updated) of a post whose meta line shows ``shown``, with ``head`` in its head."""
    html = (f"<!DOCTYPE html><html lang='{lang}'><head><title>A post</title>{head}</head><body><article class='post'>"
            f"<h1>A post</h1><div class='entry-meta'><span class='date'>{shown}</span></div>"
            "<div class='entry-content'><p>Body text of the post.</p></div></article></body></html>")
    article = parse_page(Page(url=URL, body=html.encode("utf-8"))).article
    return article.published, article.updated


def test_a_post_that_shows_only_its_update_keeps_the_declared_publication() -> None:
    head = ('<meta property="article:published_time" content="2016-11-01T14:40:35+00:00">'
            '<meta property="article:modified_time" content="2018-06-21T19:52:27+00:00">')
    assert _dates(head, "June 21, 2018") == ("2016-11-01T14:40:35+00:00", "2018-06-21T19:52:27+00:00")


@pytest.mark.parametrize(("modified", "shown"), [
    ("2023-09-17T21:23:57+00:00", "September 18, 2023"),  # the 18th in Tokyo (norecipes.com)
    ("2023-07-03T00:39:24+00:00", "July 2, 2023"),  # the 2nd in Denver (jocooks.com)
])
def test_a_shown_update_is_the_metadatas_modified_time_on_the_sites_clock(modified: str, shown: str) -> None:
    """The page shows its update's day, which the metadata's modified time in UTC puts a
    day off: it is still the update, and the declared publication is the post's date."""
    head = ('<meta property="article:published_time" content="2019-07-27T19:14:43+00:00">'
            f'<meta property="article:modified_time" content="{modified}">')
    published, _updated = _dates(head, shown)
    assert published is not None and published[:10] in ("2019-07-27", "2019-07-28")


def test_a_shown_date_that_the_metadata_declares_as_published_stays() -> None:
    head = ('<title>A post</title>'
            '<meta property="article:published_time" content="2018-06-21T09:00:00+00:00">'
            '<meta property="article:modified_time" content="2018-06-21T19:52:27+00:00">')
    html = (f"<!DOCTYPE html><html lang='en'><head>{head}</head><body><article class='post'><h1>A post</h1>"
            "<div class='entry-meta'><span class='date'>June 21, 2018</span></div>"
            "<div class='entry-content'><p>Body text of the post.</p></div></article></body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.published == "2018-06-21T09:00:00+00:00"


def _published(body: str) -> str | None:
    html = f"<!DOCTYPE html><html lang='en'><head><title>A post</title></head><body>{body}</body></html>"
    return parse_page(Page(url=URL, body=html.encode("utf-8"))).article.published


def test_the_date_on_the_line_of_the_comment_count_below_the_post_and_not_a_teasers() -> None:
    body = ("<div class='main'><div class='head'><h1>A post</h1></div><div class='lede'><p>The lede.</p></div>"
            "<div class='figure'><img src='a.png'></div><div class='article-body'><p>" + "Body text of the post. " * 20
            + "</p></div><div class='share'>Share</div><ul class='clean-list'><li><div class='gutter'>August 06, 2019</div></li>"
            "<a href='#comments'>Comments (12)</a></ul></div>"
            "<div class='more'><ul><li><h5><a href='/blog/other-post'>Another post</a></h5>"
            "<div class='meta'>December 17, 2019</div></li></ul></div>")
    assert _published(body) == "2019-08-06"


def test_a_post_whose_headline_links_to_itself_keeps_its_date() -> None:
    body = (f"<article class='post'><header><h2><a href='{URL}'>A post</a></h2>"
            "<span class='meta'>March 3, 2015</span></header><div class='entry-content'><p>"
            + "Body text of the post. " * 20 + "</p></div></article>")
    assert _published(body) == "2015-03-03"


def test_a_date_in_a_teaser_of_another_post_is_not_the_posts() -> None:
    body = ("<div class='main'><h1>A post</h1><div class='article-body'><p>" + "Body text of the post. " * 20
            + "</p></div><ul class='stories'><li><h3><a href='/blog/other-post'>Another post</a></h3>"
            "<span class='date'>December 17, 2019</span></li></ul></div>")
    from archiver.parsers.headline import post_heading
    from archiver.parsers.postdate import visible_dates
    from archiver.parsers.scope import PostScope

    html = f"<!DOCTYPE html><html lang='en'><head><title>A post</title></head><body>{body}</body></html>"
    tree = Page(url=URL, body=html.encode("utf-8")).tree
    scope = PostScope(tree)
    assert visible_dates(tree, scope, post_heading(scope), ("en",)) == (None, None)


def _visible_published(body: str) -> tuple[str | None, str | None]:
    from archiver.parsers.headline import post_heading
    from archiver.parsers.postdate import visible_dates
    from archiver.parsers.scope import PostScope

    html = f"<!DOCTYPE html><html lang='en'><head><title>A post</title></head><body>{body}</body></html>"
    tree = Page(url=URL, body=html.encode("utf-8")).tree
    scope = PostScope(tree)
    return visible_dates(tree, scope, post_heading(scope), ("en",))


def test_a_date_in_a_teaser_whose_title_is_a_plain_link_is_not_the_posts() -> None:
    """A "Recent Posts" list of a theme with utility classes only: the title is a bold link
    to another dated permalink, not a heading; the date beside it is that post's."""
    items = "".join(
        f"<li class='pa3'><a class='link b' href='/2023/11/{day}/{slug}/'>{title}</a>"
        f"<div class='flex pt2'><p class='f6'><time>November {day}, 2023</time></p></div></li>"
        for day, slug, title in ((12, "mayor-debate-recap", "Mayoral debate: a recap for readers"),
                                 (10, "night-trains", "Night trains return to the valley"),
                                 (8, "tram-line", "Tram line extension approved at last")))
    teaser = f"<footer class='entry-footer'><h3>Recent Posts</h3><ul class='list flex'>{items}</ul></footer>"
    body = ("<article class='center mw8'><header class='entry-header'><h1 class='entry-title'>A post</h1></header>"
            "<div class='entry-content'><p>" + "Body text of the post. " * 20 + f"</p></div>{teaser}</article>")
    assert _visible_published(body) == (None, None)
    # The post's own date inside a link to its own dated permalink stays the post's.
    own = ("<article class='post'><h1>A post</h1><ul class='meta'><li><a href='/2023/06/21/a-post/'>"
           "<time>June 21, 2023</time></a></li></ul><div class='entry-content'><p>" + "Body text of the post. " * 20
           + "</p></div></article>")
    assert _visible_published(own)[0] == "2023-06-21"


def test_a_date_in_an_item_named_a_teaser_is_not_the_posts() -> None:
    """A related-links list whose items call themselves teasers (BBC's "ts-headline
    teaser"): their dates are other stories', whatever their titles look like."""
    related = ("<div class='li-relatedlinks'><h3>相关内容</h3><ul><li class='ts-headline teaser'>"
               "<a href='/zhongwen/simp/121206_story.shtml'>梁振英定下出席违建事件质询日期</a>"
               "<p class='date'>2012年12月6日</p></li></ul></div>")
    body = ("<div class='main'><h1>港特首梁振英就住宅违建事件道歉</h1><div class='article-body'><p>"
            + "正文。" * 60 + f"</p></div>{related}</div>")
    assert _visible_published(body) == (None, None)
    english = related.replace("2012年12月6日", "December 6, 2012")
    assert _visible_published(body.replace(related, english)) == (None, None)


def test_comments_a_comment_form_shows_are_not_the_thread() -> None:
    def item(number: int, name: str, when: str, text: str) -> str:
        return (f'<li id="comment-{number}" class="comment"><cite>{name}</cite> says:'
                f'<div class="commentmetadata">{when}</div><p>{text}</p></li>')
    body = ('<div id="comments"><ol class="commentlist">'
            + item(11, "Ada", "May 3, 2011 at 9:12 am", "A fair point about the schedule.")
            + '</ol><div id="respond"><form id="commentform"><textarea name="comment"></textarea>'
            '<div class="fbconnect_LastComments" style="display:none"><ol>'
            + item(901, "Bo", "June 1, 2011 at 8:00 pm", "Another post: a comment elsewhere on the site.")
            + item(902, "Cy", "June 1, 2011 at 7:45 pm", "Yet another post and its comment.")
            + '</ol></div></form></div></div>')
    assert [c.id for c in parse(body).comments] == ["comment-11"]


def test_a_form_around_the_whole_page_does_not_hide_the_thread() -> None:
    html = ("<!DOCTYPE html><html><head><title>A post</title></head><body><form id='aspnetForm'>"
            f"{POST}<div id='comments'><ol class='commentlist'><li id='comment-5' class='comment'><cite>Ada</cite>"
            "<div class='commentmetadata'>May 3, 2011 at 9:12 am</div><p>A fair point about the schedule.</p></li>"
            "</ol></div></form></body></html>")
    assert [c.id for c in parse_page(Page(url=URL, body=html.encode("utf-8"))).comments] == ["comment-5"]


def test_a_pingback_named_on_its_by_line() -> None:
    body = ('<ol id="commentlist"><li id="comment-77"><p>[...] as noted here [...]</p>'
            '<div class="commentby"><cite>Pingback by <a class="url" href="https://other.example/notes/">'
            'Notes - A Week of Links</a></cite> — June 7, 2012 @ <a href="#comment-77">12:22</a></div></li></ol>')
    found = parse(body).comments
    assert [(c.kind, c.author, c.author_url, c.text) for c in found] == [
        ("pingback", "Notes - A Week of Links", "https://other.example/notes/", "[...] as noted here [...]")]
    assert found[0].published and found[0].published.startswith("2012-06-07")


def test_a_byline_block_gives_its_named_author_not_its_section_or_share_links() -> None:
    head = '<title>A post</title><meta name="generator" content="WordPress 3.4.2">'
    html = (f"<!DOCTYPE html><html lang='en'><head>{head}</head><body><div class='entry'><h1 class='title'>A post</h1>"
            "<p class='byline'>by <a href='https://network.example/users/Dana%20Ortiz'>Dana Ortiz</a> on "
            f"<a href='{URL}' class='permalink'>Aug 9, 2012 10:31 AM EDT</a> in <a href='/section/football'>Football</a></p>"
            "<div class='byline byline2'><a href='https://twitter.com/share?url=x' class='share-button'>Tweet</a>"
            "<a href='/print/1'>Print</a></div><div class='entry-body'><p>Body text of the post.</p></div></div>"
            "</body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.authors == ["Dana Ortiz"]


def _labels(header: str, before: str = "", after: str = "") -> tuple[list[str], list[str]]:
    """(categories, tags) of a post whose header holds ``header``."""
    html = (f"<!DOCTYPE html><html lang='en'><head><title>A post</title></head><body>{before}"
            f"<article class='post'><header>{header}<h1>A post</h1></header>"
            f"<div class='entry-content'><p>Body text of the post.</p></div></article>{after}</body></html>")
    article = parse_page(Page(url=URL, body=html.encode("utf-8"))).article
    return article.categories, article.tags


@pytest.mark.parametrize("label", ["Filed in:", "Filed to:", "Posted under:", "Categorized in:", "Abgelegt unter:",
                                   "Classé dans :", "Publicado en:"])
def test_labels_that_say_where_a_post_is_filed_give_categories(label: str) -> None:
    header = f'<span class="meta">{label} <a href="/celebs">celebs</a>, <a href="/tv">tv</a></span>'
    assert _labels(header) == (["celebs", "tv"], [])


def _kicker(kicker: str, head: str = "<title>Rails across Europe | A blog</title>") -> list[str]:
    html = (f"<!DOCTYPE html><html lang='en'><head>{head}</head><body><div class='story'>{kicker}"
            f"<h1>Rails across Europe</h1>{TEXT}</div></body></html>")
    return parse_page(Page(url=URL, body=html.encode("utf-8"))).article.categories


@pytest.mark.parametrize(("kicker", "categories"), [
    # a label named for the section, its text a link
    ("<div class='c-topLabel'><a href='https://blog.example.org/world/'> World </a></div>", ["World"]),
    # a bare link to a section of the site whose address spells its text
    ("<a href='/gaming/' title='More from Gaming'>Gaming</a>", ["Gaming"]),
    # a label named for the section, in two parts
    ("<p class='rt-article-cat'><span class='rt-section'>Videos - </span><span>6pm Bulletin</span></p>",
     ["Videos", "6pm Bulletin"]),
    # not a section: a link to a tag's archive, a link elsewhere, a date, a lead-in of the headline
    ("<h3 id='topicName'><a href='/tag/nation/'>nation</a></h3>", []),
    ("<a href='/about/team/'>Our newsroom</a>", []),
    ("<div class='kicker'>March 30, 2015</div>", []),
    ("<div class='kicker'>«Night trains»:</div>", []),
    # links to category archives and the signs between them, whatever they spell
    ("<span class='kx'><a href='https://blog.example.org/blog/category/marketing-werbung/'>Marketing</a> <span>•</span> "
     "<a href='https://blog.example.org/blog/category/social-media/'>Social Media</a></span>", ["Marketing", "Social Media"]),
    # ... beside the date in the line above the headline
    ("<div class='kx'><div><a href='/category/earnings'>Earnings</a></div><div><time datetime='2019-11-19'>"
     "<strong>Published</strong> 1 day ago</time></div></div>", ["Earnings"]),
    # not the categories: an archive link with words of its own around it
    ("<div class='kx'>Read more in <a href='/category/earnings'>Earnings</a></div>", []),
    ("<div class='kx'>Read more in <span><a href='/category/earnings'>Earnings</a></span></div>", []),
])
def test_the_section_label_above_the_headline(kicker: str, categories: list[str]) -> None:
    assert _kicker(kicker) == categories


@pytest.mark.parametrize(("kicker", "categories"), [
    # before the box that holds the headline, its byline and its buttons (isolezwe.co.za,
    # nbcnews.com, theguardian.com)
    ("<div class='s1'><a href='/izindaba/'>Izindaba</a></div>", ["Izindaba"]),
    # a section's address with its id beside its words (krautreporter.de), or its letters
    # without their accents
    ("<div class='s1'><a href='/thema/7-politik-und-macht'>Politik und Macht</a></div>", ["Politik und Macht"]),
    ("<div class='s1'><a href='/societe/'>Société</a></div>", ["Société"]),
    # not a section: the site's menu, or a link to another site
    ("<ul class='m1'><li><a href='/world/'>World</a></li><li><a href='/sport/'>Sport</a></li></ul>", []),
    ("<div class='s1'><a href='https://other.example.net/izindaba/'>Izindaba</a></div>", []),
])
def test_the_section_label_before_the_box_of_the_headline(kicker: str, categories: list[str]) -> None:
    """The label stands before a box that opens with the headline and holds more after it
    (the byline, the share buttons): it is the element right before the headline all the
    same."""
    box = ("<div class='t1'><h1>Rails across Europe</h1><div class='t2'>Zimbili Vilakazi | Published 15 hours ago"
           "</div><div class='t3'><button>Copy to Clipboard</button></div></div>")
    html = (f"<!DOCTYPE html><html lang='en'><head><title>Rails across Europe | A blog</title></head><body>"
            f"<div class='story'><div class='t0'>{kicker}{box}</div>{TEXT}</div></body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.categories == categories


def test_a_kicker_the_declared_title_begins_with_is_part_of_the_headline() -> None:
    head = "<title>Night trains: Rails across Europe</title>"
    assert _kicker("<div class='kicker'>Night trains</div>", head) == []
    assert _kicker("<div class='kicker'>Travel</div>", head) == ["Travel"]


def test_a_label_element_without_a_colon() -> None:
    tags = ('<div class="issues"><span class="label">Tags</span><div class="item-list"><ul>'
            '<li><a href="/search/?f=issues:99">Internet Privacy</a></li><li><a href="/search/?f=issues:98">'
            'Consumer Privacy</a></li></ul></div></div>')
    assert _labels(tags) == ([], ["Internet Privacy", "Consumer Privacy"])
    # a heading over a list of every category of the site is no label of the post
    index = '<div class="endcol"><h2>Categories</h2><p><a href="/technology/">Technology</a><p><a href="/games/">Games</a></div>'
    assert _labels("", after=index) == ([], [])


def test_a_small_block_named_for_categories_gives_the_categories() -> None:
    assert _labels('<div class="xyz-category"><a href="/world">World</a> <a href="/asia">Asia</a></div>') == (
        ["World", "Asia"], [])
    assert _labels('<span class="category_links">[<a href="/section/code">Programming</a>]</span>')[0] == [
        "Programming"]


def test_a_terms_block_takes_each_links_kind_from_its_address() -> None:
    terms = ('<span class="post-info__terms-list"><a href="/category/online-business/">Online Business</a>, '
             '<a href="/tag/selling/">Selling</a></span>')
    assert _labels(terms) == (["Online Business"], ["Selling"])


def test_a_category_block_whose_links_are_keywords_gives_tags() -> None:
    # SPIP: /mot/ is a keyword ("mot-clé"); the block is of the kind most of its addresses say
    spip = ('<div class="categories"><a href="mot/rail">Rail</a>, <a href="tags/justice">Justice</a>, '
            '<a href="mot/europe">Europe</a></div>')
    assert _labels(spip) == ([], ["Rail", "Justice", "Europe"])


def test_category_blocks_in_a_menu_or_on_every_teaser_are_not_the_posts() -> None:
    menu = ('<div class="mega-menu-sub-wrap"><ul class="categories"><li><a href="/issues">Issues</a></li>'
            '<li><a href="/experts">Experts</a></li></ul></div>')
    teasers = "".join(f'<div class="teaser"><div class="card-category"><a href="/s{n}">Section {n}</a></div>'
                      f'<a href="/p{n}">Another post {n}</a></div>' for n in range(3))
    assert _labels("", before=menu, after=teasers) == ([], [])


@pytest.mark.parametrize("trail", [
    '<div id="SiteBreadcrumbNavigation"><a href="/">Home</a> &gt; <a href="/forum/">Forum</a> &gt; '
    '<a href="/forum/iphone/">iPhone</a> &gt; A post</div>',
    '<div class="ariane"><a href="/">Accueil</a> &gt; <a href="/asie/">Asie</a></div>',
    '<header class="site-breadcrumbs__container"><ul class="site-breadcrumbs__list">'
    '<li class="site-breadcrumbs__list-item"><a href="/workshop/">Workshop</a></li></ul></header>',
    '<ol itemscope itemtype="https://schema.org/BreadcrumbList"><li><a href="/">Home</a></li>'
    '<li><a href="/travel/">Travel</a></li></ol>',
])
def test_breadcrumb_trails_by_the_words_of_their_names(trail: str) -> None:
    expected = {"Forum": ["Forum", "iPhone"], "Asie": ["Asie"], "Workshop": ["Workshop"], "Travel": ["Travel"]}
    categories, _ = _labels("", before=trail)
    assert categories == next(v for k, v in expected.items() if f">{k}<" in trail)


def test_a_breadcrumb_without_date_archives_or_the_post_itself() -> None:
    trail = ('<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/press/">Press</a> &gt; '
             '<a href="/press/2021/">2021</a> &gt; <a href="/press/2021/11/">Nov 2021</a> &gt; '
             '<a href="/press/meldung/a-post/?id=7">A post</a></div>')
    assert _labels("", before=trail)[0] == ["Press"]


@pytest.mark.parametrize("box", [
    # the label word after an icon inside a label element, the links after the element
    "<div class='tagbox'><label class='category'><i class='fi-price-tag'> </i>Tags:</label>"
    "<a href='/post/tags/rail/page1'>rail</a> <a href='/post/tags/night-trains/page1'>night trains</a></div>",
    "<p><span class='meta-label'><i class='fa fa-tags'></i> Tags</span> <a href='/topics/rail/'>rail</a>, "
    "<a href='/topics/night-trains/'>night trains</a></p>",
    # a page builder's tag block carries its own style sheet: what it shows is the list
    "<div class='td_block_wrap tdb_single_tags'><style>" + ".tdi_31 a{border:1px solid #d80209;margin:0 4px}" * 20
    + "</style><div class='tdb-block-inner'><ul class='tdb-tags'><li><span>Tags</span></li>"
    "<li><a href='/etiquetas/rail/'>rail</a></li><li><a href='/etiquetas/night-trains/'>night trains</a></li></ul></div></div>",
    # a script's buttons in the list are no tags
    "<div class='list-of-tags'><h3>Related Topics</h3><ul><li><a href='/rail/'>rail</a></li>"
    "<li><a href='/night-trains/'>night trains</a></li><li><a href='#' class='show-more'>Show more</a></li>"
    "<li><a href='javascript:share()'>Email</a></li></ul></div>",
])
def test_tag_lists_behind_icons_style_sheets_and_buttons(box: str) -> None:
    html = (f"<!DOCTYPE html><html lang='en'><head><title>A post</title></head><body>"
            f"<article class='post'><h1>A post</h1><div class='entry-content'><p>Body text of the post.</p></div>"
            f"{box}</article></body></html>")
    assert parse_page(Page(url=URL, body=html.encode())).article.tags == ["rail", "night trains"]


def test_navigation_links_among_labels_are_no_labels() -> None:
    tags = ('<div class="post-tags">Tags: <a href="/tag/rail/">Rail</a> <a href="/tag/night/">Night trains</a> '
            '<a href="/themen/">Alle Themen</a> <a href="/blog/">Back to blog</a></div>')
    assert _labels(tags)[1] == ["Rail", "Night trains"]


def _page(body: str, lang: str = "en") -> ParseResult:
    html = (f"<!DOCTYPE html><html lang='{lang}'><head><title>Rails across Europe | A blog</title>"
            f"<meta property='og:title' content='Rails across Europe'></head><body>{body}</body></html>")
    return parse_page(Page(url=URL, body=html.encode("utf-8")))


TEXT = "<p>" + "A paragraph of the post about trains and timetables. " * 14 + "</p>"


def test_posted_on_date_by_name() -> None:
    body = (f"<div class='post'><h2>Rails across Europe</h2><div class='postinfo'>Posted on March 30, 2015 by "
            f"<a href='/?author=1'>Admin</a></div>{TEXT}</div>")
    assert _page(body).article.authors == ["Admin"]


@pytest.mark.parametrize("meta", [
    # Kubrick-style themes: categories first, then the name and the date
    "Posted in <a href='/category/rail/' rel='category tag'>Rail</a> by dfields on March 30, 2015",
    # WordPress's Classic theme: "Filed under: CATEGORIES — NAME @ TIME"
    "Filed under: <a href='/category/rail/' rel='category tag'>Rail</a>, <a href='/category/travel/'>Travel</a>"
    " &#8212; dfields @ 4:38 pm",
])
def test_a_meta_line_naming_categories_then_the_writer(meta: str) -> None:
    body = f"<div class='post'><h2>Rails across Europe</h2><div class='meta'>{meta}</div>{TEXT}</div>"
    assert _page(body).article.authors == ["dfields"]


@pytest.mark.parametrize(("footer", "published"), [
    ("Posted by <a href='/profile/1'>Dana</a> at 2:24 AM", "2015-03-30T02:24:00"),
    ("Filed under: <a href='/category/rail/'>Rail</a> &#8212; dfields @ 00:11", "2015-03-30T00:11:00"),
    ("Posted by Dana at 2:24 AM, updated at 5:10 PM", "2015-03-30"),
])
def test_the_time_on_a_byline_under_a_day_heading(footer: str, published: str) -> None:
    body = (f"<h2 class='date-header'>Monday, March 30, 2015</h2><div class='post'><h3>Rails across Europe</h3>"
            f"{TEXT}<div class='post-footer'>{footer}</div></div>")
    assert _page(body).article.published == published


@pytest.mark.parametrize("credit", ["Źródło: Statista.com", "Source: Statista.com", "Fuente: EFE", "Quelle: dpa"])
def test_a_source_credit_in_a_box_named_for_authors_is_no_byline(credit: str) -> None:
    body = (f"<div class='post'><h2>Rails across Europe</h2>{TEXT}"
            f"<div class='authorsSources'><span class='sourcesLabel'>{credit.split(':')[0]}: </span>"
            f"<span>{credit.split(': ')[1]}</span></div></div>")
    assert _page(body).article.authors == []


def test_a_text_size_menu_and_a_biography_link_are_no_byline() -> None:
    tools = ('<ul class="tools"><li class="menu-header">Text Size</li><li>Regular</li><li>Medium</li></ul>'
             '<div class="byline"><a class="author icon bio" href="/bio">Biography</a></div>')
    body = f"<div class='post'><h2>Rails across Europe</h2>{tools}{TEXT}</div>"
    assert _page(body).article.authors == []
    body = f"<div class='post'><h2>Rails across Europe</h2><p>Text: Dana Fields</p>{TEXT}</div>"
    assert _page(body, lang="de").article.authors == ["Dana Fields"]


def test_a_by_line_beside_the_headline_of_a_page_that_marks_no_post() -> None:
    teaser = "<div class='more'><h3>Another story</h3><p>by Someone Else</p></div>"
    body = (f"<div id='leftColumn'><div class='story'><div id='storyHead'><h1>Rails across Europe</h1></div>"
            f"<p>by Dana Fields</p>{TEXT}</div></div>{teaser}")
    assert _page(body).article.authors == ["Dana Fields"]


def test_bloggers_main_widget_holds_the_post_and_its_thread() -> None:
    comment = ('<li class="comment" id="c5689936624652663696"><div class="comment-block"><div class="comment-header">'
               '<cite class="user"><a href="https://www.blogger.com/profile/0329" rel="nofollow">Ana G.</a></cite>'
               '<span class="datetime secondary-text"><a href="?showComment=1494425649856#c5689936624652663696">'
               'Mittwoch, Mai 10, 2017 4:14:00 PM</a></span></div><p class="comment-content">Schöner Beitrag, danke!'
               '</p></div></li>')
    body = (f"<div class='widget Blog' id='Blog1'><div class='post-outer'><h3 class='post-title'>Rails across Europe</h3>"
            f"<div class='article_body'>{TEXT}<div class='blog_links'><span class='by-author'>"
            f"<span class='author vcard'>Sandra</span></span></div></div>"
            f"<div class='breadcrumbs'><a href='/'>Home</a> / <a href='/search/label/Buch'>Buch</a></div>"
            f"<div id='top-comment'><div id='comment-holder'><div class='comment-thread toplevel-thread'>"
            f"<ol id='top-ra'>{comment}</ol></div></div></div></div></div>")
    result = _page(body, lang="de")
    assert result.article.authors == ["Sandra"]
    assert result.article.categories == []  # the trail of a label is a tag's, not a section's
    assert [(c.author, c.text) for c in result.comments] == [("Ana G.", "Schöner Beitrag, danke!")]


def test_the_main_post_is_the_article_whose_headline_the_page_declares() -> None:
    teaser = "<article><a href='/other/'><h1>Another story</h1></a><p>By Someone Else</p></article>"
    post = f"<article><header><h1>Rails across Europe</h1><p>By Dana Fields</p></header>{TEXT}</article>"
    assert _page(teaser + post).article.authors == ["Dana Fields"]


def _forum_record(n: int, name: str, body: str) -> str:
    return (f'<li class="boardComment"><div class="boardCommentAuthor"><a href="/u/{n}">{name}</a></div>'
            f'<div id="comment-{n}" class="boardCommentMessageContainer"><div class="boardCommentMessage">{body}</div>'
            f'<div class="boardCommentMessageInfo"><a href="/u/{n}">{name}</a>, <time datetime="2022-01-26T13:0{n}">'
            f'26. Januar 2022 13:0{n}</time></div></div></li>')


def test_a_quote_shown_in_a_comment_is_part_of_its_text() -> None:
    body = ('<ul class="boardComments">' + _forum_record(1, "Rocky", "Wo gehört das Logo hin?")
            + _forum_record(2, "Dask", '<blockquote class="bb-quote" data-name="Rocky">Wo gehört das Logo hin?'
                                       '</blockquote>Und peng! Zurück aufs Rad.') + '</ul>')
    assert [c.text for c in parse(body, lang="de").comments] == [
        "Wo gehört das Logo hin?", "Wo gehört das Logo hin?\n\nUnd peng! Zurück aufs Rad."]


def test_a_removed_comment_shows_the_editors_note_as_its_text() -> None:
    body = ('<ul class="boardComments">' + _forum_record(1, "Thomas", '<p><em class="moderation">Entfernt. Bitte '
                                                         'bleiben Sie beim Thema. Die Redaktion</em></p>')
            + _forum_record(2, "Curitiba", "Nichtmal der Manager fährt Bahn.") + '</ul>')
    assert [(c.author, c.text) for c in parse(body, lang="de").comments] == [
        ("Thomas", "Entfernt. Bitte bleiben Sie beim Thema. Die Redaktion"), ("Curitiba", "Nichtmal der Manager fährt Bahn.")]


def test_a_shown_update_and_a_day_only_declared_publication() -> None:
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article", '
            '"headline": "A post", "datePublished": "2023-01-10", "dateModified": "2023-03-06"}</script>')
    assert _dates(head, "Aktualisiert am 06. Mär. 2023", lang="de") == ("2023-01-10", "2023-03-06")


def test_by_and_then_the_name_in_a_link_but_not_a_word_by_itself() -> None:
    body = (f"<div class='story'><h1>Rails across Europe</h1><p class='before_story'>By <a href='/kp/'>Khaama Press</a>"
            f" - Sat Apr 23 2016, 10:55 am</p>{TEXT}</div>")
    assert _page(body).article.authors == ["Khaama Press"]
    code = (f"<div class='story'><h1>Rails across Europe</h1>{TEXT}<p>theme(axis.<span style='color: blue'>text</span>"
            f" = element_text(size = 20))</p></div>")
    assert _page(code).article.authors == []


def test_a_topics_block_in_the_post_gives_its_tags_but_not_a_menus_topics_panel() -> None:
    in_post = ('<div class="post-topics"><span>Tags</span><a href="/t/england">England</a>'
               '<a href="/t/musicals">Musicals</a></div>')
    assert _tags(in_post) == ["England", "Musicals"]
    menu = ('<div class="l-navbar__submenus"><section class="l-panel__topics"><a href="/world">World</a>'
            '<a href="/money">Money</a></section></div>')
    html = (f"<!DOCTYPE html><html lang='en'><head><title>A post</title></head><body>{menu}"
            f"<article class='post'><h1>A post</h1><div class='entry-content'><p>Body text of the post.</p></div>"
            f"</article></body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.tags == []


def test_without_a_declared_headline_the_main_post_is_the_long_article_not_a_teaser() -> None:
    teaser = "<article><a href='/other/'><h1>Another story</h1></a><p>By Someone Else</p></article>"
    post = f"<article><header><h1>Who owns the discovery?</h1><p>By Dana Fields</p></header>{TEXT}</article>"
    assert _page(teaser + post).article.authors == ["Dana Fields"]


def test_an_author_element_of_links_gives_the_first_not_the_actions_after_it() -> None:
    def record(n: int, name: str, text: str) -> str:
        return (f'<div id="comment_{n}" class="main"><div class="comments-author"><span class="commenter">'
                f'<a href="/users/profile/{name}">{name}</a> <a class="becomefan_link" href="/fan?of={name}">'
                f"I'm a Fan of {name}</a></span> <span class='date'>01:35 PM on 1/10/2010</span></div>"
                f'<div class="comment_body"><p>{text}</p></div></div>')
    body = record(1, "chrisfrmchi2", "Eight years and counting.") + record(2, "anna_b", "Sad to read.")
    assert [c.author for c in parse(body).comments] == ["chrisfrmchi2", "anna_b"]


def test_a_quote_opened_by_name_writes_inside_a_comment_is_no_reply() -> None:
    def record(n: int, name: str, post: str) -> str:
        return (f'<li id="comment10223{n}"><div class="commentHead"><h6><a href="#" class="redflag">Report this Comment'
                f'</a> On December 25, 2014, at 9:5{n} AM, <a href="/Profile.asp?uid={n}"><strong>{name}</strong></a> '
                f'wrote:</h6></div><div class="commentPost">{post}</div></li>')
    quoted = "<p>Rick Munarriz writes:</p><p>&quot;Activists have kept guests away.&quot;</p><p>Not at all.</p>"
    body = ('<ul id="commentsList">' + record(1, "argusdc", "<p>Good list.</p>") + record(2, "papsrus", quoted)
            + record(3, "AaronRogers", "<p>Pathetic replies.</p>") + "</ul>")
    comments = parse(body).comments
    assert [(c.author, c.parent_id) for c in comments] == [("argusdc", None), ("papsrus", None), ("AaronRogers", None)]
    assert comments[1].text.startswith("Rick Munarriz writes:")


def test_a_comment_whose_text_stands_in_the_author_box() -> None:
    def record(n: int, name: str, text: str) -> str:
        return (f'<li class="comment depth-1" id="comment-4960{n}"><div id="div-comment-4960{n}">'
                f'<div class="comment-author vcard"><img class="avatar" src="a.png"/><p>{text}</p>'
                f'<p><cite>Kommentar von <span class="fn"><a class="url" href="https://e.org/{n}">{name}</a></span>'
                f' &#8212; 2019-01-01 @ <a href="#comment-4960{n}">00:3{n}</a></cite> <span class="reply"> | '
                f'<a class="comment-reply-link" href="?replytocom=4960{n}">Antworten</a></span></p></div></div></li>')
    body = ('<ol id="commentlist">' + record(6, "Margit Heumann", "Deinen letzten Absatz kann ich nur unterschreiben.")
            + record(7, "jancak", "Ebenfalls alles Gute!") + "</ol>")
    assert [(c.author, c.text) for c in parse(body, lang="de").comments] == [
        ("Margit Heumann", "Deinen letzten Absatz kann ich nur unterschreiben."), ("jancak", "Ebenfalls alles Gute!")]


def test_a_label_line_with_categories_then_tags_after_a_break() -> None:
    meta = ('<div class="meta">Filed under: <a href="/category/alltag/">Alltag</a>,<a href="/category/buch/">Buch</a>'
            ' &#8212; jancak @ 00:11 <br />Tags: <a href="/tag/neujahr/">Neujahr</a><br /></div>')
    assert _labels(meta) == (["Alltag", "Buch"], ["Neujahr"])


def test_categories_then_tags_on_one_line_and_the_permalink_after_them() -> None:
    meta = ('<footer class="entry-meta"><p>Kategorien: <a href="/category/empfehlung/" rel="category tag">Empfehlung'
            '</a>, <a href="/category/schone-dinge/" rel="category tag">Schöne Dinge</a> | Tags: <a href="/tag/glueck/"'
            ' rel="tag">Glück</a>, <a href="/tag/rituale/" rel="tag">Rituale</a> | <a href="/2016/01/01/a-post/" '
            'rel="bookmark">Permanentlink</a>.</p></footer>')
    assert _labels(meta) == (["Empfehlung", "Schöne Dinge"], ["Glück", "Rituale"])


def test_a_long_panel_of_related_topics_on_a_page_without_a_post_element() -> None:
    panel = ('<div class="pane-related-themen">' + "".join(f'<a href="/thema/{n}">Rezepte {n}</a>' for n in range(20))
             + "</div>")
    html = (f"<!DOCTYPE html><html lang='de'><head><title>A post</title></head><body><div class='story'>"
            f"<h1>A post</h1>{TEXT}</div>{panel}</body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.tags == []


def test_the_sites_name_in_the_title_is_no_headline_and_a_pages_only_h1_is() -> None:
    head = ("<title>Ted Sorensen: Speechwriter Behind the Jokes - The Daily Beast</title>"
            "<meta property='og:site_name' content='The Daily Beast'>")
    body = ("<div id='header'><h2 id='navTitle'>The Daily Beast On:</h2><ul><li><a href='/fb'>Facebook</a></li></ul></div>"
            "<div id='content'><h1>'Ask Not' Who Wrote JFK's Best Lines</h1><div class='author1'><p>by <span>"
            "<a href='/author/mark-katz/'>Mark Katz</a></span></p><div class='popup_author'><p>A former political "
            "operative, recovering copywriter, and failed sitcom writer, Mark Katz is the founder of an institute."
            f"</p></div></div>{TEXT}</div>")
    html = f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}</body></html>"
    article = parse_page(Page(url=URL, body=html.encode("utf-8"))).article
    assert (article.title, article.authors) == ("'Ask Not' Who Wrote JFK's Best Lines", ["Mark Katz"])


def test_a_comment_with_one_wrapper_and_action_labels_named_as_text() -> None:
    def record(n: int, name: str, text: str, when: str) -> str:
        return (f'<div id="comment_88137{n}" class="comment clvl_1"><div class="inner_comment">'
                f'<div class="userscommentsprofile"><div class="username"><h4>{name}</h4></div><p>{text}</p></div>'
                f'<div class="c_meta"><a href="javascript:void(0)" title="Flag"><div class="txt txt_flagit">'
                f'<span>Flag It</span></div></a><div class="pipe">|</div><a href="javascript:void(0)"><div '
                f'class="txt txt_permalink"><span>Permalink</span></div></a><div class="time">{when}</div></div>'
                f'</div></div>')
    body = ('<div id="commentarea">' + record(0, "Superlib87", "Always amazes me.", "11:31 pm, Nov 1, 2010")
            + record(1, "bpai99", "Get real.", "4:25 am, Dec 11, 2010") + "</div>")
    assert [(c.author, c.text, c.published) for c in parse(body).comments] == [
        ("Superlib87", "Always amazes me.", "2010-11-01T23:31:00"), ("bpai99", "Get real.", "2010-12-11T04:25:00")]


def test_a_badge_on_its_own_line_in_the_name_element_is_not_part_of_the_name() -> None:
    def record(n: int, name: str, text: str) -> str:
        return (f'<li id="comment-757{n}" class="comment depth-1"><article class="comment-body"><div class="comment-meta">'
                f'<div class="comment-author"><cite class="fn">{name}</cite></div><span class="comment-date">'
                f'19. Juni 2019 / 13:2{n}</span></div><div class="comment-content"><p>{text}</p></div></article></li>')
    body = ('<ol class="comment-list">' + record(0, "Beate", "Eine schöne Tasche!")
            + record(1, 'Martina Berg<br><span class="p3_comment_author">Autor</span>', "Danke, liebe Beate.") + "</ol>")
    assert [c.author for c in parse(body, lang="de").comments] == ["Beate", "Martina Berg"]


def test_two_identical_double_posts_keep_their_own_numbers_from_an_opening_anchor() -> None:
    def record(n: int, name: str, text: str) -> str:
        return (f'<li class="clearfix"><div><a name="46062{n}"></a></div><div class="group"><div class="comment-meta">'
                f'<a href="/profile/{name}">{name}</a> Reply #{n} Oct. 9, 2010 - 7:2{n} AM EST</div>'
                f'<div class="comment-content"><p>{text}</p></div></div></li>')
    body = ('<ol id="commentsList">' + record(1, "Dreadneck", "First.") + record(2, "Sinner", "Same words.")
            + record(3, "Sinner", "Same words.") + "</ol>")
    assert [c.id for c in parse(body).comments] == ["comment-460621", "comment-460622", "comment-460623"]


def test_a_sidebar_of_recent_activity_is_no_thread() -> None:
    def record(n: int, name: str, text: str) -> str:
        return (f'<li class="comment ugc" id="comment-{n}"><div class="content"><p>{text}</p></div><ul class="details">'
                f'<li>Posted by: <span class="user">{name}</span></li><li>2011-04-1{n} 09:00:42 AM</li></ul></li>')
    thread = '<ul class="comments">' + record(1, "Klaus", "Astonishing.") + record(2, "Tommy", "Quoting the article.") + "</ul>"
    sidebar = ('<ul id="recent-activity" class="xoxo"><li class="category commented"><h4>Most commented stories</h4>'
               '<ul class="links"><li><a href="/news/1">NIH firm on grant rules</a> 61 comments 29 March 2011</li>'
               '<li><a href="/news/2">Concerns over energy</a> 31 comments 30 March 2011</li></ul></li></ul>')
    assert [c.author for c in parse(thread + sidebar).comments] == ["Klaus", "Tommy"]


def test_a_profile_link_right_before_the_posts_date_is_its_author() -> None:
    body = (f"<article class='post'><h1>Rails across Europe</h1><div class='entry-meta'><img class='avatar' src='a.jpg'>"
            f"<a href='/user-uebersicht/?u=138114'>HansEhrlich</a> 17.10.2019, 13:56 Uhr <a href='#comments'>26</a>"
            f"</div>{TEXT}</article>")
    assert _page(body, lang="de").article.authors == ["HansEhrlich"]
    section = (f"<article class='post'><h1>Rails across Europe</h1><div class='entry-meta'><a href='/news/'>News</a> "
               f"17.10.2019</div>{TEXT}</article>")
    assert _page(section, lang="de").article.authors == []


def test_a_pingback_entry_gives_its_source_title_as_author_and_the_excerpt_as_text() -> None:
    pings = ('<ol class="pinglist"><li id="comment-1225"><a href="http://w.example.de/2017/a" class="url">&#187; '
             'Sorgfaltspflicht statt NetzDG</a> - [&#8230;] &#187; Sorgfaltspflicht statt NetzDG [&#8230;]</li>'
             '<li id="comment-1337"><a href="http://m.example.de/2018/b" class="url">Ein Bumerang</a> - [&#8230;] '
             'Lesen Sie auch die Beiträge [&#8230;]</li></ol>')
    assert [(c.kind, c.author, c.author_url, c.text) for c in parse(pings, lang="de").comments] == [
        ("pingback", "» Sorgfaltspflicht statt NetzDG", "http://w.example.de/2017/a", "[…] » Sorgfaltspflicht statt NetzDG […]"),
        ("pingback", "Ein Bumerang", "http://m.example.de/2018/b", "[…] Lesen Sie auch die Beiträge […]")]


def test_an_entry_naming_its_own_kind_keeps_it_in_a_list_named_for_pingbacks() -> None:
    """A theme with one tab for all pings (Customizr's "pinglist"): the list name gives the
    kind only to entries that name none; ``li.trackback`` stays a trackback."""
    pings = ('<div id="comments"><div class="tab-pane pings" id="pinglist-container"><ul class="pingback-list">'
             '<li class="pingback depth-1" id="comment-47"><a href="https://t.example.org/roundup/" class="url">'
             'Transit Blog</a> - [&#8230;] the extension was approved [&#8230;]</li>'
             '<li class="trackback depth-1" id="comment-48"><a href="https://r.example.net/weekly/42/" class="url">'
             'Rail Fans Weekly</a> - The tram extension and what it means.</li>'
             '<li class="depth-1" id="comment-49"><a href="https://n.example.com/note/" class="url">A note</a>'
             ' - [&#8230;] as the Gazette reported [&#8230;]</li></ul></div></div>')
    assert [(c.id, c.kind, c.author) for c in parse(pings).comments] == [
        ("comment-47", "pingback", "Transit Blog"), ("comment-48", "trackback", "Rail Fans Weekly"),
        ("comment-49", "pingback", "A note")]


def test_hubspot_thread_paths_give_the_parents() -> None:
    def record(path: str, name: str, text: str) -> str:
        return (f'<div id="c{path}" class="comment depth-1" data-threadid="{path}"><div class="comment-from"><h4>{name}'
                f'</h4></div><div class="comment-date">7/8/2015, 4:01:30 PM</div><div class="comment-body"><p>{text}</p>'
                f'</div></div>')
    body = ('<div class="comments-listing">' + record("0001.0000.0000.0000", "Sonny", "Great post!")
            + record("0001.0001.0000.0000", "Scott", "Thanks, Sonny.") + record("0002.0000.0000.0000", "Dina", "Timely.")
            + "</div>")
    comments = parse(body).comments
    assert [(c.author, c.depth) for c in comments] == [("Sonny", 1), ("Scott", 2), ("Dina", 1)]
    assert comments[1].parent_id == comments[0].id


def test_teasers_of_opinion_pieces_named_comment_are_no_thread() -> None:
    def teaser(n: int, title: str) -> str:
        link = f"/tennis/2019/11/1{n}/story-{n}/"
        return (f'<li class="list-of-entities__item  comment premium" data-timestamp="157409474697{n}">'
                f'<div class="list-of-entities__item-link"><a href="{link}" class="list-of-entities__item-image-container">'
                f'<div class="responsive-image" data-alt="Comment: {title}"></div></a>'
                f'<div class="list-of-entities__item-body"><span class="m_meta-property"><time class="m_meta-property__date"'
                f' title="1{n} Nov 2019, 4:32pm" datetime="2019-11-1{n}T04:32:26" itemprop="datePublished">'
                f'<span>1{n} Nov 2019</span>, <span>4:32pm</span></time></span>'
                f'<h3 class="list-of-entities__item-body-headline"><a href="{link}"><span class="sr-only">Comment: </span>'
                f'{title}</a></h3><div class="list-of-entities__item-author-name">Judy Murray</div>'
                f'<span class="premium-label">Premium</span></div></div></li>')
    body = ('<ol class="js-list-of-entities__container">' + teaser(8, "Women must stand up for themselves - and each other")
            + teaser(5, "Boris Becker's charisma continues to burnish his status") + "</ol>")
    assert parse(body).comments == []


def test_a_headline_with_its_subtitle_after_a_dash_is_the_whole_title() -> None:
    head = ("<title>SEKRÈ MYSTERY BAG – jede Frau braucht ein Geheimnis! - Martina Berg</title>"
            "<meta property='og:title' content='SEKRÈ MYSTERY BAG – jede Frau braucht ein Geheimnis! - Martina Berg'>")
    html = (f"<!DOCTYPE html><html lang='de'><head>{head}</head><body><article class='post'>"
            f"<h1 class='entry-title'>SEKRÈ MYSTERY BAG – jede Frau braucht ein Geheimnis!</h1>{TEXT}</article></body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.title == (
        "SEKRÈ MYSTERY BAG – jede Frau braucht ein Geheimnis!")


def test_a_follow_button_among_topic_links_is_no_tag() -> None:
    topics = ('<ul class="topics_list"><li><a href="/topic/dating/">Dating</a> 6443 followers <a href="/follow/dating">'
              'Follow</a></li><li><a href="/topic/netiquette/">Netiquette</a></li></ul>')
    assert _tags(topics) == ["Dating", "Netiquette"]


def test_the_h1_of_a_comment_form_is_no_title() -> None:
    html = ("<!DOCTYPE html><html lang='en'><head><title>Dr. Laura: criticism of me infringes my rights - Boing Boing"
            f"</title></head><body><div id='content'><div class='entry'>{TEXT}</div><div class='comments'>"
            "<div id='comments-open'><h1>Send a comment</h1><form><input name='email'></form></div></div></div>"
            "</body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.title == (
        "Dr. Laura: criticism of me infringes my rights")


def test_a_byline_with_its_view_counter_and_a_chinese_posted_in() -> None:
    body = ("<div class='article'><h2>新竹尖石_美樹營地賞楓</h2><div class='article-body'><p class='author'>"
            "史蒂文的家_藍天 發表在 <a href='//www.pixnet.net'>痞客邦</a> "
            "<a href='#comments'>留言(42)</a> <span class='author-views'>人氣(<span>23925</span>)</span></p>"
            f"{TEXT}</div></div>")
    html = (f"<!DOCTYPE html><html lang='zh'><head><title>新竹尖石_美樹營地賞楓 @ 史蒂文的家 :: 痞客邦 ::</title></head>"
            f"<body>{body}</body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.authors == ["史蒂文的家_藍天"]


def test_a_comment_subject_linking_to_the_comment_itself_is_no_teaser() -> None:
    def record(n: int, name: str, subject: str, text: str) -> str:
        return (f'<article id="comment-{n}" class="comment"><h3><a href="/comment/{n}" hreflang="en">{subject}</a></h3>'
                f'<footer class="comment__meta"><span class="username">{name}</span> <span class="date">'
                f'Mon, 03/0{n}/2019 - 10:1{n}</span></footer><div class="content"><p>{text}</p></div></article>')
    body = ('<section class="comments">' + record(1, "anna", "A question about the timetable", "When is the train?")
            + record(2, "ben", "The answer to that question here", "At noon.") + "</section>")
    assert [c.author for c in parse(body).comments] == ["anna", "ben"]


def test_a_byline_named_auth_but_not_a_login_box_named_so() -> None:
    login = "<div class='auth-links'><a href='/login'>Sign in</a> | <a href='/register'>Register</a></div>"
    story = (f"<table><tr><td id='content_feature'><span class='newsTitle'>Rails across Europe</span> "
             f"<span class='newsAuth'>by Jeff Ward</span>{TEXT}</td></tr></table>")
    assert _page(login + story).article.authors == ["Jeff Ward"]
    assert _page(login + f"<div class='story'><h1>Rails across Europe</h1>{TEXT}</div>").article.authors == []


def _utc_thread(shown: list[str]) -> str:
    """Comments stamped in UTC (``<time datetime="…Z">``) showing the local time given."""
    items = "".join(
        f'<li class="comment" id="comment-{n}"><p class="comment-author">Reader {n}</p>'
        f'<time class="comment-date" datetime="2012-11-0{n}T20:09:45Z">{text}</time>'
        f'<div class="comment-content"><p>Comment number {n} with some words.</p></div></li>'
        for n, text in enumerate(shown, start=1))
    return f'<ol class="comment-list">{items}</ol>'


def test_the_zone_comments_reveal_is_the_page_zone() -> None:
    # the first comment shows 22:09 for 20:09Z (+02:00); the second shows a time that cannot
    # be read as its own ("Nov 2 - 11", a display bug); the post shows a day only
    result = parse(_utc_thread(["1 novembre 2012 à 22:09", "02.11.2012 - 11"]), lang="fr",
                   head='<title>A post</title><meta property="article:published_time" content="2012-11-01T08:15:00Z">')
    assert [c.published for c in result.comments] == ["2012-11-01T22:09:45+02:00", "2012-11-02T22:09:45+02:00"]
    assert result.article.published == "2012-11-01T10:15:00+02:00"


def test_a_comment_showing_its_utc_time_keeps_it() -> None:
    result = parse(_utc_thread(["November 1, 2012 22:09", "November 2, 2012 20:09"]))
    assert [c.published for c in result.comments] == ["2012-11-01T22:09:45+02:00", "2012-11-02T20:09:45+00:00"]


def test_a_comment_stamp_in_utc_showing_no_time_takes_the_posts_offset() -> None:
    """"07.04.2020" on ``<time datetime="…Z">``: the page shows no clock for the comment,
    and the post's own timestamp says the site writes +02:00."""
    head = ("<title>A post</title><meta property='article:published_time' content='2020-04-03T12:35:41+02:00'>")
    item = ("<section class='comment-item'><div class='nickname'>Cardinaux Edouard</div><div class='date'>"
            "<time datetime='2020-04-07T{clock}.949Z'>07.04.2020</time></div><div class='text'><p>Jetzt werden wir "
            "den Preis bezahlen für stetigen Wachstum ohne Rücksicht.</p></div></section>")
    thread = "<ul class='comment-list'>" + item.format(clock="10:30:53") + item.format(clock="11:02:10") + "</ul>"
    comments = parse(thread, lang="de", head=head).comments
    assert [c.published for c in comments] == ["2020-04-07T12:30:53+02:00", "2020-04-07T13:02:10+02:00"]


@pytest.mark.parametrize(("stamp", "shown", "published"), [
    # Livefyre: the instant in microdata, the day alone on show
    ("2014-09-16T14:37:43.000Z", "<time class='fyre-comment-date'>Sep 16, 2014</time>", "2014-09-16T14:37:43+00:00"),
    # a day in microdata, the time on the date line, whose day order the page's language does not tell
    ("2019-02-12", "<span class='comment-posted'>Le 12/02 à 11:30</span>", "2019-02-12T11:30:00"),
])
def test_a_comments_microdata_date(stamp: str, shown: str, published: str) -> None:
    item = ("<article class='comment' itemscope itemtype='http://schema.org/Comment'>"
            f"<meta itemprop='dateCreated' content='{stamp}'><div class='comment-author'>"
            "<span class='author-name' itemprop='name'><a href='/u/1'>link78</a></span> " + shown + "</div>"
            "<div class='comment-story' itemprop='text'><p>Manger du quinoa ? Les anciens n'en mangeaient pas.</p></div>"
            "</article>")
    second = item.replace("Les anciens", "Nos grands-parents").replace("link78", "Quinoa Fan")
    comments = parse(f"<div class='comment-list'>{item}{second}</div>").comments
    assert [c.published for c in comments] == [published, published]


def test_a_comment_named_reply_is_a_reply_not_the_reply_action() -> None:
    """``li.Comment.Reply`` with its own name, date and text inside its parent's list of
    children: a reply (cracked.com), where "Reply" elsewhere names the action."""
    def item(classes: str, name: str, stamp: str, text: str, children: str = "") -> str:
        return (f"<li class='{classes}' comment_id='1'><footer class='meta'><a href='' class='user'>{name}</a>"
                f"<p class='date'>Posted on <time datetime='{stamp}'>04/12/2011 09:59 AM</time></p></footer>"
                f"<p class='text'>{text}</p>{children}</li>")
    reply = item("Comment Reply FLC", "aguynamedmark", "2011-04-12T09:59:05-07:00",
                 "A lot of people wish there was a good alternative to Facebook.")
    thread = ("<ol class='Comments'>"
              + item("Comment FLC Comment-Parent", "LaHeathaAndrews", "2011-04-09T22:08:27-07:00",
                     "I wish there was a good alternative to facebook.", f"<ol id='comment_children_1'>{reply}</ol>")
              + item("Comment FLC Comment-Parent", "mini_voltron", "2011-04-06T23:18:09-07:00",
                     "I wish my facebook wasn't blocked from our router.") + "</ol>")
    comments = parse(thread).comments
    assert [(c.author, c.depth) for c in comments] == [("LaHeathaAndrews", 1), ("aguynamedmark", 2), ("mini_voltron", 1)]
    assert comments[1].parent_id == comments[0].id
    assert "alternative to Facebook" not in comments[0].text


def _named_anchor_thread(form: str = "") -> str:
    """Comments marked only by HTML 4 anchors (``<a name="comment184302">``), with a
    footer "posted on WEEKDAY, DATE at TIME by NAME", and the comment form's rows after."""
    records = "".join(
        f'<hr><div class="Normal"><a name="comment18430{n}"></a> Comment number {n}, with a few words. '
        f'<p class="postfoot">posted on Thursday, October 25, 2012 at 9:0{n} AM by '
        f'<a href="http://reader{n}.example/" rel="nofollow">Reader {n}</a></p></div>'
        for n in range(1, 4))
    return f"<div id='blog'>{records}{form}</div>"


def test_comments_marked_by_html4_named_anchors() -> None:
    assert rows(parse(_named_anchor_thread())) == [
        (f"comment-18430{n}", f"Reader {n}", f"2012-10-25T09:0{n}:00", f"Comment number {n}, with a few words.", None)
        for n in range(1, 4)]


def test_the_rows_of_a_comment_form_are_no_comments() -> None:
    # a DotNetNuke-style form: every row a table row named for the comment, the page one big form
    form = ('<div id="dnn__ctl0__ctl0_BlogView_PostComment_AJ"><table id="dnn__ctl0__ctl0_BlogView_PostComment_CmtTbl">'
            '<tr id="dnn__ctl0__ctl0_BlogView_PostComment_trName"><td><div>Name</div>'
            '<input name="txtName" type="text"><span>*</span></td></tr>'
            '<tr id="dnn__ctl0__ctl0_BlogView_PostComment_trURL"><td><div>Website (optional)</div>'
            '<input name="txtURL" type="text"></td></tr>'
            '<tr><td><div>Comment</div><textarea name="txtComment"></textarea>'
            '<p>Allowed tags: &lt;a&gt; link, &lt;b&gt; bold</p></td></tr></table></div>')
    result = parse(f"<form id='Form'>{_named_anchor_thread(form)}</form>")
    assert [c.author for c in result.comments] == ["Reader 1", "Reader 2", "Reader 3"]


def test_a_comment_with_its_age_after_the_name() -> None:
    items = "".join(f'<li class="comment" id="comment-{n}"><div class="name"><a href="/user{n}">Reader {n}</a> '
                    f'{n} days ago</div><div class="text">Comment number {n} with some words.</div></li>'
                    for n in range(1, 4))
    assert [c.author for c in parse(f'<ol class="comment-list">{items}</ol>').comments] == [
        "Reader 1", "Reader 2", "Reader 3"]


def test_a_post_meta_box_named_comment_is_no_comment() -> None:
    # a theme that names the post's byline box and its footer "Comment"
    meta = ('<div class="Comment">Written by <strong>Ed Avis</strong> - '
            f'<a href="{URL}#comments" rel="nofollow">One Comment</a></div>')
    footer = (f'<div class="Comment">Published on November 6th, 2012 - <a href="{URL}#comments">One Comment</a>'
              ' Filed under <a href="/category/saving/">Saving</a></div>')
    thread = ('<ol class="commentlist"><li class="alt" id="comment-309282"><cite>JoAnne</cite> Says:<br>'
              '<small class="commentmetadata">November 6th, 2012 at 1:09 pm</small>'
              '<p>We attend many traditional holiday meal gatherings.</p></li></ol>')
    html = (f"<!DOCTYPE html><html lang='en'><head><title>A post</title></head><body><div class='Entry'>"
            f"<h1>A post</h1>{meta}<p>Body text of the post.</p>{footer}</div>{thread}</body></html>")
    assert [c.author for c in parse_page(Page(url=URL, body=html.encode())).comments] == ["JoAnne"]


def test_a_comment_whose_only_words_are_its_title() -> None:
    def item(n: int, body: str) -> str:
        return (f'<a name="11102751{n}"></a><div class="citem" id="comment_item_11102751{n}">'
                f'<div class="comment"><h5 class="comment_title"><a href="#" onclick="toggle()">Title {n}</a></h5>'
                f'<div class="cbody">{body}</div><p class="by"> by <a href="/users/reader{n}">reader{n}</a> on '
                f'<span class="time"><a href="#11102751{n}">Aug 9, 2012 10:4{n} AM EDT</a></span></p></div></div>')
    thread = '<div class="comment_master_list">' + item(1, "<p>A body of some words.</p>") + item(2, "") + "</div>"
    # a teaser of another post with a headline and no body is no comment
    teaser = ('<div class="comment-teaser"><h4><a href="https://blog.example.org/2012/11/02/other/">Another post'
              '</a></h4><time datetime="2012-11-02T08:00:00Z">Nov 2</time></div>')
    result = parse(thread + teaser)
    assert [(c.author, c.text) for c in result.comments] == [("reader1", "A body of some words."), ("reader2", "Title 2")]


@pytest.mark.parametrize("counter", ["152 Fans", "1,024 posts", "87 Beiträge"])
def test_a_commenters_counter_is_no_name(counter: str) -> None:
    items = "".join(f'<li class="comment" id="comment-{n}"><div class="meta"><span>{counter}</span></div>'
                    f'<div class="comment-text">Comment number {n} with some words.</div></li>' for n in range(1, 4))
    assert [c.author for c in parse(f'<ol class="comment-list">{items}</ol>').comments] == [None, None, None]


def test_teasers_with_a_comment_counter_are_no_comments() -> None:
    teasers = "".join(
        f'<div class="teaser"><a href="/news/story-{n}"><img src="/i{n}.jpg"></a>'
        f'<div class="teaser-label-comment"><span>Story {n} went on for a while</span>'
        f'<span class="date">22 December 2020</span><a href="/news/place-{n}">Place {n}</a></div></div>'
        for n in range(1, 5))
    assert parse(f'<div class="pancake">{teasers}</div>').comments == []


def test_typo3_content_elements_are_no_comments() -> None:
    elements = "".join(
        f'<div id="c63{n}" class="frame frame-default frame-type-textmedia"><header><h2>Section {n}</h2></header>'
        f'<p>Paragraph {n} of the page, long enough to be read as text by anyone.</p>'
        f'<p class="date">25.11.2021 16:1{n}</p></div>' for n in range(1, 4))
    anchored = "".join(f'<a id="c7782{n}" class="anchorLink">&nbsp;</a><article class="contentElement">'
                       f'<h4>Part {n}</h4><p>More text of part {n}, a few sentences long.</p></article>'
                       for n in range(1, 4))
    html = ("<!DOCTYPE html><html lang='de'><head><meta name='generator' content='TYPO3 CMS'><title>A page</title>"
            f"</head><body><main>{elements}<div>{anchored}</div></main></body></html>")
    assert parse_page(Page(url=URL, body=html.encode())).comments == []


@pytest.mark.parametrize(("text", "shaped"), [
    ("Barbara Starr", True), ("Hagen von Eitzen", True), ("Ursula von der Leyen", True), ("jancak", True),
    ("danah boyd", True), ("the CNN Wire Staff", True), ("آسيا العتروس", True), ("Gazette Staff", True),
    ("Joy the Baker", True),
    ("der Befreiung zum Staatsvertrag", False), ("Hardware Despite all the power inside", False),
    ("Revised Edition Edited by Adrian Parr", False), ("of the article: Jody Robbins", False),
    ("Снимка: Getty Images", False), ("1 Min Read", False), ("Auteur", False), ("Published", False),
])
def test_a_name_has_the_shape_of_one(text: str, shaped: bool) -> None:
    assert name_shaped(text) is shaped


def test_a_heading_that_begins_with_von_is_no_byline() -> None:
    body = (f"<div class='post'><h2>Rails across Europe</h2><p class='byline'>Von Dana Fields</p>{TEXT}"
            f"<h3>Von der Befreiung zum Staatsvertrag</h3>{TEXT}</div>")
    assert _page(body, lang="de").article.authors == ["Dana Fields"]
    body = f"<div class='post'><h2>Rails across Europe</h2>{TEXT}<p>Von der Befreiung zum Staatsvertrag</p>{TEXT}</div>"
    assert _page(body, lang="de").article.authors == []


def test_parts_named_for_the_comments_authors() -> None:
    items = "".join(
        f'<li><article class="comments-list--item" id="comment-11580{n}"><div class="comments-author--content">'
        f'<time class="comments-author--time">Posted on {n}rd November 2023</time>'
        f'<span class="comments-author--meta">| Reader {n}</span><p>Comment number {n} with some words.</p>'
        f'</div></article></li>' for n in range(3, 6))
    assert rows(parse(f'<section class="post_comments"><h2>3 Comments</h2><ol>{items}</ol></section>')) == [
        (f"comment-11580{n}", f"Reader {n}", f"2023-11-0{n}", f"Comment number {n} with some words.", None)
        for n in range(3, 6)]


def test_a_wrapper_named_for_a_layout_with_a_sidebar_holds_the_thread() -> None:
    thread = ('<ol class="comment-list"><li class="comment depth-1" id="comment-219"><span class="comment-author">'
              'Ann Lee</span><span class="comment-date">11. Februar 2020</span><div class="comment-content">'
              '<p>Danke für die schöne Zusammenfassung.</p></div></li></ol>')
    body = f'<div class="content-wrapper sidebar-included right-sidebar"><div class="comment-wrapper">{thread}</div></div>'
    assert [c.author for c in parse(body, lang="de").comments] == ["Ann Lee"]


def test_a_comment_template_and_the_writing_panel_are_no_comments() -> None:
    write = ('<div class="panel comment-write"><span class="user">Unbenannt</span><p>Alle Informationen zum '
             'Datenschutz findest Du in der Datenschutzerklärung.</p></div>')
    dummy = ('<div class="dummy-comment hidden"><span class="user">Unbenannt</span><p>Antworten</p></div>'
             '<div class="dummy-comment-child hidden"><span class="user">Unbenannt</span><p>Antworten</p></div>')
    assert parse(f'<section class="post-comments">{write}<div class="comments-list">{dummy}</div></section>',
                 lang="de").comments == []


def test_the_frame_of_a_comment_widget_is_no_comment() -> None:
    frame = ('<div id="wpdevar_comment_1"><span>Comment via Facebook</span>'
             f'<div class="fb-comments" data-href="{URL}" data-numposts="7"></div></div>')
    result = parse(frame)
    assert result.comments == [] and result.notes == ["comments not in HTML"]


@pytest.mark.parametrize(("byline", "authors"), [
    ("Von Dana Fields, Washington", ["Dana Fields"]),
    ("By Dana Fields, Example News, New York", ["Dana Fields", "Example News"]),
    ("Dana Fields, London, Lee Park", ["Dana Fields", "Lee Park"]),
    ("By Dana Fields and Lee Park, Nairobi", ["Dana Fields", "Lee Park"]),
    ("By Dana Fields, Lee Park", ["Dana Fields", "Lee Park"]),
])
def test_the_dateline_after_a_byline_is_no_author(byline: str, authors: list[str]) -> None:
    body = f"<div class='post'><h1>Rails across Europe</h1><p class='byline'>{byline}</p>{TEXT}</div>"
    assert _page(body).article.authors == authors


@pytest.mark.parametrize(("byline", "authors"), [
    # the author's job in its own element, marked so
    ("<span>By</span><div class='author'><b>Dana Fields</b>"
     "<span class='job-title'>Live and breaking news reporter</span></div>", ["Dana Fields"]),
    ("<div class='author_box' itemprop='author' itemscope><strong itemprop='name'>Dana Fields</strong>"
     "<p itemprop='description'>Example-Magazin.com Redakteur</p></div>", ["Dana Fields"]),
    # text only screen readers get
    ("<p class='entry-meta'>Published by <a rel='author' href='/u/1'>Dana Fields</a>"
     " <span class='sr-only'>Example Revue International</span></p>", ["Dana Fields"]),
    # the line break ends the name; a label before it does not
    ("<div class='byline'><span class='plainByline'>By DANA FIELDS<br>AP Entertainment Writer</span></div>",
     ["DANA FIELDS"]),
    ("<div class='article-byline'>By Dana Fields<br>September/October 2010</div>", ["Dana Fields"]),
    ("<p class='editor' itemprop='author'>Редактор: <span itemprop='name'><br><a href='/editors/uid/1'>"
     "Дана Филдс</a></span></p>", ["Дана Филдс"]),
    # a wire service alone is the byline
    ("<div class='byline'>The Associated Press</div>", ["The Associated Press"]),
    # Arabic "wrote" before the name
    ("<div class='byline'>كتبت دانة فيلدز</div>", ["دانة فيلدز"]),
    # "published on" after the name, in German
    ("<p class='about'>Von <a class='author-link' href='/author/dana'>Dana Fields</a> publiziert am 25. September 2018"
     "</p>", ["Dana Fields"]),
    # a role alone in its own part of the box
    ("<div class='contrib-byline'><div class='fs-author-name contrib-byline-author'><a href='/sites/dana/'>"
     "Dana Fields</a><span class='contrib-byline-type'>Senior Contributor</span></div></div>", ["Dana Fields"]),
    # a job after the comma; an avatar's initials; an author box's button to the archive
    ("<p>Posted by Dana Fields, Software Engineer on Rail Apps</p>", ["Dana Fields"]),
    ("<a href='/author/dana-fields-11' class='avatar-group__item avatar-group__item--initials'><span>DF</span></a>"
     "<div class='avatar-group__description'><a href='/author/dana-fields-11'>Dana Fields</a></div>", ["Dana Fields"]),
    ("<div class='elementor-author-box'><h4 class='elementor-author-box__name'>Dana Fields</h4>"
     "<a class='elementor-author-box__button' href='/author/dana/'>Weitere Beiträge</a></div>"
     "<span class='post-author'>Dana Fields</span>", ["Dana Fields"]),
])
def test_a_byline_box_gives_the_name_not_the_job_or_hidden_text(byline: str, authors: list[str]) -> None:
    body = f"<div class='post'><h1>Rails across Europe</h1>{byline}{TEXT}</div>"
    assert _page(body).article.authors == authors


@pytest.mark.parametrize(("body", "authors"), [
    # Drupal's "Submitted on DATE" names nobody; "Submitted by NAME on DATE" names the author
    ("<div class='node'><h1>Rails across Europe</h1><div class='meta byline'>Submitted on Mon, 2019-01-21 13:49"
     f"</div>{TEXT}</div>", []),
    ("<div class='node'><h1>Rails across Europe</h1><div class='submitted'>Submitted by <a href='/users/dana'>"
     f"Dana Fields</a> on Mon, 2019-01-21 13:49</div>{TEXT}</div>", ["Dana Fields"]),
    # a generated two-letter style class is no byline; the counter "Responses" is no name
    (f"<div class='post'><h1>Rails across Europe</h1>{TEXT}<div class='by ai'>Responses</div></div>", []),
    # the author field of a comment-writing panel, and of a hidden comment template
    (f"<div class='post'><h1>Rails across Europe</h1>{TEXT}</div><div class='panel comment-write'>"
     "<span class='author-name'>Unbenannt</span><textarea></textarea></div>"
     "<div class='dummy-comment hidden'><span class='author-name'>Unbenannt</span></div>", []),
    # a sign-up form's small print
    (f"<div class='post'><h1>Rails across Europe</h1>{TEXT}<form class='newsletter'><input type='email'>"
     "<p>By signing up, you agree to our Terms</p></form></div>", []),
])
def test_labels_forms_and_generated_classes_name_no_author(body: str, authors: list[str]) -> None:
    assert _page(body).article.authors == authors


def test_a_declared_author_that_is_the_site_is_no_byline() -> None:
    def declared(author: str, url: str = URL, site: str = "Rail Notes") -> list[str]:
        head = (f"<title>Rails across Europe</title><meta property='og:site_name' content='{site}'>"
                f"<meta name='author' content='{author}'>")
        html = f"<html><head>{head}</head><body><div class='post'><h1>Rails across Europe</h1>{TEXT}</div></body></html>"
        return parse_page(Page(url=url, body=html.encode())).article.authors
    assert declared("Rail Notes") == []
    assert declared("blog.example.org") == []
    assert declared("Dana Fields") == ["Dana Fields"]
    # a personal blog's host is its author's name
    assert declared("Dana Fields", url="https://danafields.com/2012/rails/", site="") == ["Dana Fields"]


@pytest.mark.parametrize(("other_stamp", "published"), [
    # a stamp of the summer before (British summer time) says nothing of November
    ("2024-05-20T14:14:52+0100", "2024-11-18T21:26:36+00:00"),
    # a stamp of the same weeks in +01:00: the site wrote its local time as UTC
    ("2024-11-10T10:00:00+0100", "2024-11-18T21:26:36+01:00"),
])
def test_a_shown_time_equal_to_utc_takes_an_offset_only_from_the_same_weeks(other_stamp: str, published: str) -> None:
    head = ("<title>Rails across Europe</title>"
            "<meta property='article:published_time' content='2024-11-18T21:26:36+0000'>"
            f"<script>var config = {{\"createdDate\": \"{other_stamp}\"}};</script>")
    body = (f"<div class='post'><h1>Rails across Europe</h1><div class='meta'>Published November 18, 2024 9:26pm"
            f"</div>{TEXT}</div>")
    html = f"<html lang='en'><head>{head}</head><body>{body}</body></html>"
    assert parse_page(Page(url=URL, body=html.encode())).article.published == published


def test_an_article_inside_the_post_element_is_the_post_not_a_teaser() -> None:
    """A theme's div.post-N around a bare <article> that holds the headline: what the
    article holds (its breadcrumb, its byline) belongs to the post; a teaser's does not."""
    html = ("<html lang='de'><head><title>Rails across Europe</title></head><body class='single postid-7'>"
            "<div class='post-wrap post-7 post type-post hentry'><article>"
            "<div class='breadcrumbs'><a href='https://blog.example.org'>Startseite</a> "
            "<a href='https://blog.example.org/category/bahn/'>Bahn</a></div>"
            f"<h1>Rails across Europe</h1>{TEXT}</article>"
            "<article class='related'><div class='breadcrumbs'><a href='/'>Startseite</a> "
            "<a href='https://blog.example.org/category/flug/'>Flug</a></div><h3>Another post</h3></article>"
            "</div></body></html>")
    assert parse_page(Page(url=URL, body=html.encode())).article.categories == ["Bahn"]


@pytest.mark.parametrize(("trail", "categories"), [
    # a link home in words, and the site's own name, are no sections
    ("<a href='/'>Start</a> <a href='https://blog.example.org/start'>Zurück zur Startseite</a> "
     "<a href='https://blog.example.org/presse/'>Presse</a>", ["Presse"]),
    ("<a href='https://blog.example.org/home-organizing/'>Home Organizing</a>", ["Home Organizing"]),
    ("<a href='https://blog.example.org/blog/'>blog.example.org</a> <a href='/themen/'>Themen</a>", ["Themen"]),
    # words for screen readers before the label
    ("<a href='https://blog.example.org/espana/'><span class='hidden-content'>Estás en: </span>España</a>", ["España"]),
    # schema.org's list is the trail, whatever its box runs on into
    ("<ul itemscope itemtype='https://schema.org/BreadcrumbList'><li><a href='/'>Начало</a></li>"
     "<li><a href='https://blog.example.org/bulgaria'>България</a></li></ul>"
     "<div class='menu'><a href='https://blog.example.org/today'>Днес (155)</a></div>", ["България"]),
])
def test_breadcrumb_crumbs_that_are_no_section(trail: str, categories: list[str]) -> None:
    body = (f"<div class='breadcrumb'>{trail}</div><div class='post'><h1>Rails across Europe</h1>{TEXT}</div>")
    assert _page(body).article.categories == categories


@pytest.mark.parametrize(("trail", "categories"), [
    # "<a class='normal-link--invalid'>News</a>": a section the site shows without a page of its own
    ("<div class='breadcrumb'><a href='/'>Home</a> <a>News</a> <a href='/news/press/'>Press releases</a> "
     "<a>Rails across Europe</a></div>", ["News", "Press releases"]),
    # crumbs that are spans a script opens, the post the last of them
    ("<div class='SiteBreadcrumb'><span onclick='go(1)'>Forum</span><span>&gt;</span>"
     "<span onclick='go(2)'>Trains</span><span>&gt;</span><span onclick='go(3)'>Rails across Europe</span></div>",
     ["Forum", "Trains"]),
    # a label for screen readers before the first link is no crumb
    ("<nav class='breadcrumbs'><span>You are here</span> <a href='/'>Home</a> » <a href='/rail/'>Rail</a></nav>",
     ["Rail"]),
    # a trail named in a whole class or id word: "path", Spanish "ruta"
    ("<div class='ruta'><ul><li><a href='/ed/seccion/noticias.html'>Noticias</a></li>"
     "<li><a href='/ed/subseccion/noticias/local.html'>Local</a></li></ul></div>", ["Noticias", "Local"]),
    ("<div class='path'><a href='/sports/'>Sports</a> &gt; <a href='/cobrand/wire/'>Wire</a></div>",
     ["Sports", "Wire"]),
])
def test_breadcrumb_crumbs_shown_as_text(trail: str, categories: list[str]) -> None:
    body = f"{trail}<div class='post'><h1>Rails across Europe</h1>{TEXT}</div>"
    assert _page(body).article.categories == categories


@pytest.mark.parametrize(("trail", "categories"), [
    # home, separators drawn in text, the post's title at the end
    ("<span id='bcrum'><a href='https://blog.example.org'>Front Page</a> » "
     "<a href='https://blog.example.org/transport/'>Transport</a> » Rails across Europe</span>", ["Transport"]),
    # hashed class names: a list from home down nested addresses, the post as plain text
    ("<div class='fba199c3'><ul><li><a href='/'>News</a></li><li><a href='/local/'>Local</a></li>"
     "<li><a href='/local/bihar/'>Bihar</a></li><li>Rails across Europe</li></ul></div>", ["Local", "Bihar"]),
    # home and nested addresses, separators drawn as images
    ("<div class='FL'><span class='bread-title'>you are here: </span><a href='/'>Home</a><span class='arrow'></span>"
     "<a href='/news/'>News</a><span class='arrow'></span><a href='/news/business/'>Business</a></div>",
     ["News", "Business"]),
    # each crumb nested in the one before, every link in a wrapper of its own (Yoast's markup)
    ("<p class='q1'><span><span><a href='/'>Home</a> » <span><a href='/category/food/'>Food</a> » "
     "<span><a href='/category/food/breakfast/'>Breakfast</a> » <span>Rails across Europe</span></span></span>"
     "</span></span></p>", ["Food", "Breakfast"]),
    # named for screen readers only, as the ARIA pattern has it
    ("<nav aria-label='Breadcrumb' class='q3'><div><a href='/'>Home</a></div><div><a href='/rail/'>Rail</a></div></nav>",
     ["Rail"]),
    # a list from home, separators drawn in text after each item's link
    ("<ol class='kx'>\n<li><a href='/'>Home</a> /</li>\n<li><a href='/questions/'>Questions</a> /</li>\n"
     "<li><a href='/category/food-and-dining_184'>Food</a></li>\n</ol>", ["Questions", "Food"]),
    # ... or on their own between the items
    ("<ul class='kx'>\n<li><a href='https://blog.example.org'>Accueil</a></li>\n<span>›</span>\n"
     "<li><a href='/monde,10'>Monde</a></li>\n</ul>", ["Monde"]),
    # separators drawn as pictures: one image, icon or empty span between every two crumbs
    ("<div class='kx'><a href='/'>Portal</a> <img src='/img/arrow.svg' alt='' width='5'> <a href='/culture'>Culture</a>"
     " <img src='/img/arrow.svg' alt='' width='5'> <span>Article</span></div>", ["Culture"]),
    ("<div class='kx'><div><a href='https://blog.example.org'><span>Startseite</span></a></div> <i class='kq-17'></i> "
     "<div><a href='https://blog.example.org/category/allgemein/'><span>Allgemein</span></a></div></div>", ["Allgemein"]),
    # the home page as an icon, then nested sections
    ("<ul class='kx'>\n<li><a href='/'><span class='kq'></span></a></li>\n<li><a href='/events'>Events</a></li>\n"
     "<li><a href='/events/world'>World</a></li>\n<li><a href='/events/world/conflicts'>Conflicts</a></li>\n</ul>",
     ["Events", "World", "Conflicts"]),
    # a navigation element from home to the post, nothing drawn between
    ("<nav class='kx'><a href='https://blog.example.org'>Example Blog</a><a href='https://blog.example.org/category/rail'>"
     "Rail</a><span>Rails across Europe</span></nav>", ["Rail"]),
])
def test_breadcrumb_trails_no_name_marks(trail: str, categories: list[str]) -> None:
    body = f"{trail}<div class='post'><h1>Rails across Europe</h1>{TEXT}</div>"
    assert _page(body).article.categories == categories


def test_a_button_that_folds_the_trail_is_no_trail() -> None:
    """A button labelled for the trail ("Expand Breadcrumbs") is named like one but holds
    no crumbs: the trail beside it still gives the section."""
    body = ("<div class='q5'><button aria-label=\"{{isCollapsed ? 'Expand Breadcrumbs' : 'Collapse Breadcrumbs'}}\">"
            "</button><span class='q6'><a href='https://blog.example.org'>Front Page</a> » "
            "<a href='https://blog.example.org/transport/'>Transport</a> » Rails across Europe</span></div>"
            f"<div class='post'><h1>Rails across Europe</h1>{TEXT}</div>")
    assert _page(body).article.categories == ["Transport"]


@pytest.mark.parametrize("line", [
    # a menu: no path, no post at its end
    "<ul class='nav'><li><a href='/'>Home</a></li><li><a href='/about/'>About</a></li>"
    "<li><a href='/contact/'>Contact</a></li></ul>",
    # prose with links ends in plain text too
    "<p>The <a href='/'>project</a> was renamed, see <a href='/2014/renamed/'>my later post</a> about it.</p>",
    # a footer line from home
    "<div class='foot'><a href='/'>Home</a> | <a href='/advertise/'>Advertise with us</a> | © 2019</div>",
    # Drupal's body class and an SVG's ids name no trail
    "<div class='path-node'><a href='/'>Home</a> <a href='/news/'>News</a></div>",
    # a byline: the writer's page, a handle elsewhere, then an age
    "<div class='q4'><a href='/author/ann-lee/'>Ann Lee</a> <span><a href='https://twitter.com/annlee'>@annlee</a>"
    " <span> / </span> 2 days</span></div>",
    # a list that does not start at home
    "<nav><ol><li><a href='/about/'>About</a></li><li><a href='/contact/'>Contact</a></li></ol></nav>",
    # a menu with an icon before each link: no separator, though one picture stands between every two
    "<div class='kx'><i class='kq'></i><a href='/'>Home</a> <i class='kq'></i><a href='/about/'>About</a> "
    "<i class='kq'></i><a href='/contact/'>Contact</a></div>",
    # a menu entry of two sections with a sign between them, and a list from a logo
    "<ul class='kx'>\n<li><a href='/'><svg class='kq'></svg></a></li>\n<li><h3><a href='/phones/'>Phones</a> "
    "<span>/</span> <a href='/gadgets/'>Gadgets</a></h3></li>\n<li><a href='/special/tested/'>Tested</a></li>\n</ul>",
])
def test_lines_of_links_that_are_no_trail(line: str) -> None:
    body = f"{line}<div class='post'><h1>Rails across Europe</h1>{TEXT}</div>"
    assert _page(body).article.categories == []


def test_bylines_of_a_list_of_posts_are_not_the_posts_authors() -> None:
    """Author links that stand each in a line of its own, three lines or more of one
    shape (the teasers of other posts, each with its byline), are those posts' writers;
    the post's own byline stands apart."""
    teasers = "".join(
        f"<li><div class='kc'><h3><a href='/politics/2012/0{n}/story-{n}/'>Another story of the week, number {n}</a></h3>"
        f"<p class='kb'><a href='/author/{slug}/' rel='author'>{name}</a></p></div></li>\n"
        for n, (slug, name) in enumerate([("andy-kroll", "Andy Kroll"), ("sarah-durn", "Sarah Durn"),
                                          ("nick-bowlin", "Nick Bowlin")], 1))
    body = (f"<div class='post'><h1>Rails across Europe</h1><p class='kd'>By <a href='/author/gabriel-mac/' rel='author'>"
            f"Gabriel Mac</a></p>{TEXT}<ul class='ke'>\n{teasers}</ul></div>")
    html = ("<!DOCTYPE html><html lang='en'><head><title>Rails across Europe | A blog</title>"
            "<link rel='stylesheet' href='/wp-content/themes/k/style.css'></head>"
            f"<body>{body}</body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.authors == ["Gabriel Mac"]


def test_three_co_authors_of_one_line_stay_the_posts_authors() -> None:
    line = ", ".join(f"<a href='/author/{name.lower().replace(' ', '-')}/' rel='author'>{name}</a>"
                     for name in ("Ann Lee", "Bo Chen", "Cy Diaz"))
    html = ("<!DOCTYPE html><html lang='en'><head><title>Rails across Europe | A blog</title>"
            "<link rel='stylesheet' href='/wp-content/themes/k/style.css'></head>"
            f"<body><div class='post'><h1>Rails across Europe</h1><p class='kd'>By {line}</p>{TEXT}</div></body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.authors == ["Ann Lee", "Bo Chen", "Cy Diaz"]


def test_a_relative_date_over_a_machine_stamp_keeps_the_stamps_time() -> None:
    """"1 hr 4 mins ago" shown, the instant in the ``<abbr>``'s title: the post's date is
    that instant, to the second, not only its day."""
    body = ("<div class='post'><h1>Rails across Europe</h1><cite class='byline vcard'>By <span class='fn'>Ann Lee"
            "</span> | <span class='provider org'>AP</span> – <abbr title='2011-08-25T01:40:40Z'>1 hr 4 mins ago</abbr>"
            f"</cite>{TEXT}</div>")
    html = f"<html><head><title>Rails across Europe</title></head><body>{body}</body></html>"
    page = Page(url="https://news.example.org/rails-across-europe.html", body=html.encode())
    assert parse_page(page).article.published[:19] == "2011-08-25T01:40:40"


def test_a_shown_clock_and_a_declared_utc_instant_give_the_page_offset() -> None:
    """Spanish dates write "de" between day and month; the time the page shows and the UTC
    instant its metadata declares are one fact, in the offset the page shows it in."""
    head = ("<title>México presenta su nómina</title>"
            "<meta property='article:published_time' content='2022-04-21T22:44:01+00:00'>")
    body = ("<div class='post'><h1>México presenta su nómina</h1><div class='meta-item herald-date'>"
            f"jueves 21 de abril de 2022 4:44 PM</div>{TEXT}</div>")
    html = f"<html lang='es'><head>{head}</head><body>{body}</body></html>"
    assert parse_page(Page(url=URL, body=html.encode())).article.published == "2022-04-21T16:44:01-06:00"


def test_a_year_less_date_line_is_read_against_its_time_elements_stamp() -> None:
    """"Posted Nov 18, 8:19 PM" on ``<time datetime="…Z">``: the line has no year, the stamp
    has; read together they give the instant in the offset the page shows (-05:00)."""
    head = ("<title>Rails across Europe</title>"
            "<meta property='article:published_time' content='2019-11-19T01:19:34.819Z'>")
    body = ("<div class='post'><h1>Rails across Europe</h1><div class='dateline'><span class='dateline__published'>"
            "<time datetime='2019-11-19T01:19:34.819Z'>Posted Nov 18, 8:19 PM</time></span></div>"
            f"{TEXT}</div>")
    html = f"<html lang='en'><head>{head}</head><body>{body}</body></html>"
    assert parse_page(Page(url=URL, body=html.encode())).article.published == "2019-11-18T20:19:34-05:00"


@pytest.mark.parametrize(("twin", "published"), [
    # a zone-less stamp of the same minutes and seconds: the site's local time
    ("<meta name='sailthru.date' content='2025-05-03 07:00:14'>", "2025-05-03T07:00:14+02:00"),
    # the UTC clock again, or other seconds: no offset revealed
    ("<meta name='sailthru.date' content='2025-05-03 05:00:14'>", "2025-05-03T05:00:14+00:00"),
    ("<meta name='sailthru.date' content='2025-05-03 07:00:15'>", "2025-05-03T05:00:14+00:00"),
])
def test_a_zone_less_twin_of_a_utc_stamp_reveals_the_offset(twin: str, published: str) -> None:
    head = ("<title>Rails across Europe</title>"
            f"<meta property='article:published_time' content='2025-05-03T05:00:14+00:00'>{twin}")
    body = f"<div class='post'><h1>Rails across Europe</h1><div class='meta'>3 May 2025</div>{TEXT}</div>"
    html = f"<html lang='en'><head>{head}</head><body>{body}</body></html>"
    assert parse_page(Page(url=URL, body=html.encode())).article.published == published


def test_a_story_named_like_a_breadcrumb_is_no_trail() -> None:
    """A script's hook class ("url-breadcrumb") on the story itself: its links are no crumbs."""
    story = (f"<article class='article__content url-breadcrumb'><p>{'Words of the story. ' * 15}"
             "<a href='https://blog.example.org/artists/dana/'>Dana Fields</a></p></article>")
    body = (f"<div class='post'><a class='kicker category' href='https://blog.example.org/news/'>News</a>"
            f"<h1>Rails across Europe</h1>{story}</div>")
    assert "Dana Fields" not in _page(body).article.categories


@pytest.mark.parametrize(("byline", "authors"), [
    ("By Dana Fields, Blog.Example.org", ["Dana Fields"]),  # the site after the reporter
    ("By Dana Fields, Lee Park, and Kim Lo", ["Dana Fields", "Lee Park", "Kim Lo"]),  # the serial comma
])
def test_the_site_and_the_serial_and_in_a_byline(byline: str, authors: list[str]) -> None:
    body = f"<div class='post'><h1>Rails across Europe</h1><p class='byline'>{byline}</p>{TEXT}</div>"
    assert _page(body).article.authors == authors


def test_a_date_whose_year_and_time_stand_in_two_elements() -> None:
    """"Nov 20 2019" and "4:29 AM EST" in two spans, apart only by style."""
    body = ("<div class='post'><h1>Rails across Europe</h1><div class='ArticleHeader-time'><time>"
            "Published Wed, Nov 20 2019<span>4:29 AM EST</span></time></div>" f"{TEXT}</div>")
    assert _page(body).article.published == "2019-11-20T04:29:00-05:00"


@pytest.mark.parametrize(("og_title", "site", "title"), [
    ("Wie man eine Tischdecke herstellt | homify", "homify", "Wie man eine Tischdecke herstellt"),
    ("Energiewende und Wirtschaften - BMBF", "", "Energiewende und Wirtschaften"),  # the host's name
    ("Rails – Across Europe", "Rail Notes", "Rails – Across Europe"),  # a subtitle stays
])
def test_a_declared_title_without_the_site_after_it(og_title: str, site: str, title: str) -> None:
    head = f"<title>x</title><meta property='og:title' content='{og_title}'><meta property='og:site_name' content='{site}'>"
    html = f"<html><head>{head}</head><body><p>{'Words. ' * 40}</p></body></html>"
    url = "https://www.bmbf.de/de/news/energiewende.html" if "BMBF" in og_title else URL
    assert parse_page(Page(url=url, body=html.encode())).article.title == title


@pytest.mark.parametrize(("before", "categories"), [
    # abbreviated names of a section label
    ("<span class='categ-link'>Kronikë e zezë</span>", ["Kronikë e zezë"]),
    ("<span class='cate c_point'>정치</span>", ["정치"]),
    # the label inside a meta line that also holds the date
    ("<div class='article-meta'><span class='eyebrow'>Earnings</span> Published 1 day ago</div>", ["Earnings"]),
])
def test_a_section_label_above_the_headline(before: str, categories: list[str]) -> None:
    body = f"<div class='post'>{before}<h1>Rails across Europe</h1>{TEXT}</div>"
    assert _page(body).article.categories == categories


def test_the_section_microdata_marks() -> None:
    body = ("<div class='post'><h1>Rails across Europe</h1><div class='refs'><a itemprop='articleSection' "
            f"href='/columnists/'>Columnists</a> 21:17 18.11.2019</div>{TEXT}</div>")
    assert _page(body).article.categories == ["Columnists"]


def test_a_post_marked_commented_is_no_comment() -> None:
    # a post whose classes say it has comments ("commented") is the post
    page = parse("<article id='post_1141460933' class='row post js_post_item status-published commented'>"
                 "<span class='author'>Dana Fields</span> <time>8/17/13 11:04am</time>"
                 f"<p>{'Back to school, again. ' * 10}</p></article>")
    assert page.comments == []


def test_a_post_in_a_category_named_comment_is_no_comment() -> None:
    """WordPress writes the post's terms into its classes ("category-der-kommentar")."""
    page = parse("<div id='post-6996' class='post-6996 post type-post hentry category-der-kommentar tag-island'>"
                 "<h2>Island</h2><span class='date'>2. August 2012</span> <span class='author'>oradmin</span>"
                 f"<p>{'Island befreit sich von der Macht der Finanzoligarchie. ' * 6}</p></div>", lang="de")
    assert page.comments == []


def test_the_post_class_on_a_small_box_before_the_post() -> None:
    """``post-N`` on a featured image's box as well as on the article: the post is the one
    that holds the headline."""
    html = ("<html lang='en'><head><title>Rails across Europe</title></head><body class='single postid-7'>"
            "<div class='hero'><div class='post-7 post type-post'><img src='/a.jpg' alt=''>Photo: Lee</div></div>"
            "<article class='post-7 post type-post'><h1>Rails across Europe</h1>"
            f"<div class='byline'>By Dana Fields</div>{TEXT}"
            "<div class='tags'>Tags: <a rel='tag' href='/tag/trains/'>Trains</a></div></article></body></html>")
    article = parse_page(Page(url=URL, body=html.encode())).article
    assert (article.authors, article.tags) == (["Dana Fields"], ["Trains"])


def _post_in_parts(teaser: str = "") -> str:
    """A news theme's post in two parts with the same ``post_class()``: a featured header
    with the headline, then the article with the byline, date and tags."""
    classes = "post-7 post type-post status-publish hentry tag-trains"
    return ("<html lang='en'><head><title>Rails across Europe</title></head><body class='single postid-7'>"
            f"{teaser}<div class='site-content'><div class='row'><div class='{classes}'><header class='page-header'>"
            "<img src='/a.jpg' alt=''><h1 class='entry-title'>Rails across Europe</h1></header></div>"
            f"<div class='row'><article class='{classes}'><div class='entry-meta'><div class='byline'>"
            "<div class='author-name'><a href='/author/dana-fields/'>Dana Fields</a></div>"
            "<div class='posted-on'>November 19th, 2019 at 8:40 AM</div></div></div>"
            f"{TEXT}<div class='entry-tags'>Tags: <a rel='tag' href='/tag/trains/'>Trains</a></div></article></div>"
            "</div></div></body></html>")


def test_a_post_in_two_parts_with_one_post_class() -> None:
    """The headline in one element with the post's ``post_class()``, the byline, date and
    tags in the next with the same classes: both are the post."""
    article = parse_page(Page(url=URL, body=_post_in_parts().encode())).article
    assert (article.title, article.authors, article.published, article.tags) == (
        "Rails across Europe", ["Dana Fields"], "2019-11-19T08:40:00", ["Trains"])
    # the same post as a teaser in a "breaking news" bar has other view classes: not a part
    bar = ("<section class='breaking-bar'><article class='archive-view headline-only post-7 post type-post "
           "status-publish hentry tag-trains'><h6><a href='/rails/'>Rails across Europe</a></h6>"
           "<span class='posted-on'>March 3rd, 2020 at 9:00 AM</span></article></section>")
    assert parse_page(Page(url=URL, body=_post_in_parts(bar).encode())).article.published == "2019-11-19T08:40:00"


def test_a_column_named_for_discussion_that_holds_the_post_is_no_thread() -> None:
    """A code host's page layout ("discussion-timeline") around a README whose examples
    print dates: the examples are no comments, the column is no thread."""
    example = ("<div class='highlight'><pre>&gt;&gt;&gt; find_date('https://example.org/{n}/')\n"
               "'# analysing: &lt;span&gt;Friday, December 2{n}, 2016&lt;/span&gt;'\n'2016-12-2{n}'</pre></div>"
               "<p>The date of a page with {n} headers, found in its markup by the function above.</p>")
    html = ("<html lang='en'><head><title>datefinder: find the date of a page</title></head><body>"
            "<div class='container new-discussion-timeline'><div class='repository-content'>"
            "<article class='markdown-body entry-content'><h1>datefinder: find the date of a page</h1>"
            f"<p>{TEXT}</p>" + "".join(example.format(n=n) for n in range(1, 5)) + "</article></div></div>"
            "</body></html>")
    assert parse_page(Page(url=URL, body=html.encode())).comments == []


def test_a_part_of_a_record_is_never_a_record_itself() -> None:
    """A post footer in a list named "comments details": its "submitted" line (the post's
    author and date) is a part a record would have, not a comment."""
    footer = ("<footer><ul class='list-unstyled comments details'><li class='title'>A post | Example</li>"
              "<li class='submitted'><span>Author: Dana Fields, Datum: 03.Mär.19</span></li>"
              "<li><h3>Diskussions-Runde zum Thema:</h3></li><li class='pull-right'>Debattieren Sie mit ...</li>"
              "</ul></footer>")
    assert parse(footer, lang="de").comments == []


@pytest.mark.parametrize(("line", "author"), [
    # the date opens the record, the linked name stands on the next line, then the text
    ("<a href='/user/Rezeptsammlerin.html'>Rezeptsammlerin</a><br>", "Rezeptsammlerin"),
    # a bold line after the date is the message's subject, not its writer
    ("<p><strong class='forum-titre'>Coree du Sud, pays autoritaire</strong></p>", None),
])
def test_a_linked_name_on_the_line_after_the_opening_date(line: str, author: str | None) -> None:
    record = ("<div class='kb-comment'><div class='box-left'><a href='/user/Rezeptsammlerin.html'>"
              "<img src='/u.jpg' alt='Benutzerbild'></a></div><div class='box-middle'>"
              "<time datetime='2020-09-23T18:19:06+02:00'>23.09.20 | 18:19</time> " + line +
              "<div class='rtli-left'>da ich meine Tomaten schon lange so schneide, habe ich mich gewundert.</div>"
              "</div></div>")
    comments = parse(f"<div id='kb-comments'>{record}{record.replace('18:19:06', '19:20:00')}</div>", lang="de").comments
    assert [c.author for c in comments] == [author, author]
    assert comments[0].text.endswith("da ich meine Tomaten schon lange so schneide, habe ich mich gewundert.")
    assert "Rezeptsammlerin" not in comments[0].text


def _author_box(box: str) -> str:
    return (f"<article class='post-4 post'><h1 class='post-title'>Rails across Europe</h1>"
            f"<div class='post-content'>{TEXT}</div><div class='post-meta-container'>{box}"
            "<p class='post-date'>January 15, 2023</p></div></article>")


def test_an_author_box_below_the_post_names_the_author_in_its_heading() -> None:
    """Themes that print no byline but an author box after the text (Baskerville: the name
    as an h4, then "Author archive"); the heading is the name when no byline names one."""
    box = ("<div class='post-author'><div class='post-author-content'><h4>Marek Nowak</h4>"
           "<div class='author-links'><a class='author-link-posts' href='/author/mnowak/'>Author archive</a>"
           "</div></div></div>")
    assert _page(_author_box(box)).article.authors == ["Marek Nowak"]
    bio = ("<ul class='author'><li><a href='/author/acoulter/'>See All Articles</a></li><li>Bio</li>"
           "<li><h3>Ann Coulter</h3><p>Ann Coulter is a political commentator and author.</p></li></ul>")
    assert _page(_author_box(bio)).article.authors == ["Ann Coulter"]


def test_a_box_heading_that_names_no_author_is_no_byline() -> None:
    """The heading must be a name, in a box named for the author itself ("by" in a
    script's class name is not)."""
    about = "<div class='author-info'><h4>About the author</h4><p>Writes about trains.</p></div>"
    assert _page(_author_box(about)).article.authors == []
    referred = "<div class='js-notMobileReferredByFbTw'><h3>Hardware</h3><p>The console is small.</p></div>"
    assert _page(_author_box(referred)).article.authors == []


def test_a_comments_own_permalink_is_never_its_author() -> None:
    """A date line no reader knows ("Montag früh", relative or in an unread script) in the
    comment's permalink: the link is neither the commenter's name nor their site. Seen
    with Fukasawa's comments in Japanese before 年月日 dates were read."""
    body = ('<ol class="commentlist">' + "".join(
        f'<li class="comment depth-1" id="li-comment-{n}"><div id="comment-{n}" class="comment-inner">'
        f'<div class="comment-header"><h4>{name}</h4><p><a href="{URL}#comment-{n}">{when}</a></p></div>'
        f'<div class="comment-content"><p>{text}</p></div></div></li>'
        for n, name, when, text in ((2, "Ana Example", "Montag früh", "Lovely post, thank you."),
                                    (3, "Bo", "gestern Abend", "I agree with every word of it.")))
        + "</ol>")
    comments = parse(body, lang="de").comments
    assert [c.text for c in comments] == ["Lovely post, thank you.", "I agree with every word of it."]
    assert all(c.author_url is None and c.author not in ("Montag früh", "gestern Abend") for c in comments)


def test_a_state_or_style_class_names_no_part() -> None:
    """Block themes colour a comment's date with ``has-text-color``: a style, not the text.
    With a one-word comment, the date line had been read as the text and its time lost."""
    assert class_role("has-text-color") is Role.NONE
    assert class_role("is-layout-flow") is Role.NONE
    body = ('<div class="wp-block-comments"><ol class="wp-block-comment-template">'
            '<li id="comment-88" class="comment even depth-1"><div class="wp-block-group">'
            '<div class="wp-block-comment-author-name"><a rel="external nofollow ugc" href="https://example.com/~mo">mo_k</a></div>'
            '<div class="has-text-color has-secondary-color wp-block-comment-date">'
            f'<time datetime="2023-09-30T19:30:00+02:00"><a href="{URL}#comment-88">September 30, 2023</a></time></div>'
            '</div><div class="wp-block-comment-content"><p>Thanks.</p></div></li></ol></div>')
    assert rows(parse(body)) == [("comment-88", "mo_k", "2023-09-30T19:30:00+02:00", "Thanks.", None)]


def test_a_profile_box_of_lines_is_named_by_its_link() -> None:
    """An author element that is a box of lines (a badge, the name, a motto, a fan count):
    the name is its link that reads as a name, never the lines run together."""
    body = ('<div id="comments">' + "".join(
        f'<div id="comment_{n}" class="comment_item"><div class="author_name">'
        f'<div class="badge">TOP COMMENTER</div><a href="/social/{name}">{name}</a>'
        f'<div class="bio_teaser">{motto}</div><div class="author_fans"><a href="/social/{name}/fans">{fans} Fans</a></div>'
        f'</div><div class="comment_body"><div class="comment_time">{when}</div>{text}</div></div>'
        for n, name, motto, fans, when, text in (
            (11, "savory7", "Soccer mom from the Midwest", 186, "August 9, 2012 4:28 PM", "Lightning does strike twice!"),
            (12, "iam42", "To know what you prefer...", 557, "August 9, 2012 4:31 PM", "The banks will settle, as always.")))
        + "</div>")
    comments = parse(body).comments
    assert [(c.author, c.text) for c in comments] == [("savory7", "Lightning does strike twice!"),
                                                      ("iam42", "The banks will settle, as always.")]


def _block_theme_page(extra: str) -> str:
    """A single post as block themes print it: no element carries the post's ``post-N``
    class, only ``body.postid-N``; terms blocks under the text; then ``extra``."""
    return ("<html lang='en'><head><title>Council budget</title></head>"
            "<body class='single single-post postid-5'><div class='wp-site-blocks'><main class='wp-block-group'>"
            "<h1 class='wp-block-post-title'>Council budget</h1>"
            "<div class='wp-block-post-date'><time datetime='2023-02-10T09:05:00+01:00'>February 10, 2023</time></div>"
            f"<div class='entry-content wp-block-post-content'>{TEXT}</div>"
            "<div class='taxonomy-category wp-block-post-terms'><a href='/category/local-news/' rel='tag'>Local News</a>, "
            "<a href='/category/politics/' rel='tag'>Politics</a></div>"
            "<div class='taxonomy-post_tag wp-block-post-terms'><a href='/tag/budget/' rel='tag'>budget</a></div>"
            f"</main>{extra}</div></body></html>")


@pytest.mark.parametrize("extra", [
    # a query loop of other posts, each with its post_class and its own terms
    "<div class='wp-block-query'><ul class='wp-block-post-template'>"
    "<li class='wp-block-post post-15 post type-post category-culture'><h2><a href='/2023/03/01/mayoral-debate/'>"
    "Mayoral debate: a recap</a></h2><div class='taxonomy-category wp-block-post-terms'>"
    "<a href='/category/culture/' rel='tag'>Culture</a></div></li></ul></div>",
    # one other post, alone in its list: no more the page's own post for being the only one marked
    "<ul class='related'><li class='post-15 post type-post hentry category-culture'><h3>Night trains</h3>"
    "<div class='taxonomy-category wp-block-post-terms'><a href='/category/culture/' rel='tag'>Culture</a></div></li></ul>",
    # the categories block with every category of the site
    "<div class='wp-block-group'><h2>Categories</h2><ul class='wp-block-categories-list wp-block-categories'>"
    "<li class='cat-item cat-item-5'><a href='/category/culture/'>Culture</a></li>"
    "<li class='cat-item cat-item-4'><a href='/category/local-news/'>Local News</a></li>"
    "<li class='cat-item cat-item-2'><a href='/category/politics/'>Politics</a></li></ul></div>",
])
def test_a_block_themes_post_keeps_its_own_terms(extra: str) -> None:
    """Seen under many block themes of wordpress.org: other posts' teasers and the site's
    category list beside a post that no element marks as the post."""
    article = parse_page(Page(url=URL, body=_block_theme_page(extra).encode())).article
    assert (article.categories, article.tags) == (["Local News", "Politics"], ["budget"])


def _newsup_like(header_extra: str = "", teasers: int = 3) -> str:
    """A post header as a popular magazine theme prints it (category links above the
    headline, "<span>By</span><a>NAME</a>" with no space, tags with a hash), then teasers
    whose category blocks carry the same class."""
    teaser = ("<div class='mg-blog-post-3'><div class='mg-blog-inner'><div class='mg-blog-category'>"
              "<a href='/category/politics/'>Politics</a></div><h4><a href='/2023/01/0{n}/other-{n}/'>Other story {n}</a>"
              "</h4></div></div>")
    return ("<html lang='en'><head><title>Council budget</title><meta name='generator' content='WordPress 6.1.9'></head>"
            "<body class='single postid-5'><main id='content'>"
            "<div class='mg-blog-post-box'><div class='mg-header'><div class='mg-blog-category'>"
            "<a href='/category/local-news/'>Local News</a><a href='/category/culture/'>Culture</a></div>"
            "<h1 class='title'>Council budget</h1><div class='media mg-info-author-block'>"
            "<a class='mg-author-pic' href='/author/sobrien/'><img alt='' class='avatar photo' src='/a.jpg'></a>"
            "<div class='media-body'><h4 class='media-heading'><span>By</span>"
            "<a href='/author/sobrien/'>Siobhán O'Brien</a></h4>\n<span class='mg-blog-date'><i class='fas fa-clock'></i>\n"
            "Feb 10, 2023\n</span>\n"
            f"<span class='newsup-tags'><i class='fas fa-tag'></i>\n{header_extra}</span></div></div></div>"
            f"<article class='page-content-single'>{TEXT}</article></div>"
            + "".join(teaser.format(n=n) for n in range(1, teasers + 1)) + "</main></body></html>")


def test_a_themes_post_header_by_glued_hashes_and_repeated_category_class() -> None:
    """newsup (a magazine theme): the byline word in its own element glued to the name,
    a hash the theme prints before every tag, and the categories block's class repeated on
    every teaser below: the one beside the headline is the post's."""
    tags = "<a href='/tag/budget/'>#budget</a>, <a href='/tag/council/'>#council</a>"
    article = parse_page(Page(url=URL, body=_newsup_like(tags).encode())).article
    assert (article.authors, article.tags, article.categories) == (
        ["Siobhán O'Brien"], ["budget", "council"], ["Local News", "Culture"])
    mixed = "<a href='/tag/elenao/'>#elenão</a>, <a href='/tag/wahlen2018/'>wahlen2018</a>"
    assert parse_page(Page(url=URL, body=_newsup_like(mixed).encode())).article.tags == ["#elenão", "wahlen2018"]


@pytest.mark.parametrize(("text", "names"), [("BySiobhán O'Brien", ["Siobhán O'Brien"]), ("Byron Smith", ["Byron Smith"]),
                                             ("VonMarek Nowak", ["Marek Nowak"])])
def test_a_byline_word_glued_to_the_name(text: str, names: list[str]) -> None:
    from archiver.parsers.text import clean_byline

    assert clean_byline(text) == names


@pytest.mark.parametrize(("meta", "authors"), [
    # a definition list of fields: the byline's line runs on into the next field's label
    ("<dl><dt>Author:</dt><dd itemprop='author'><a rel='author' href='/author/staff/'>Rail Desk Editorial Staff"
     "</a></dd><dt>Publish date:</dt><dd><time datetime='2018-10-04T15:43:59-04:00'>Oct 4, 2018</time></dd></dl>",
     ["Rail Desk Editorial Staff"]),
    # the picture's credit after the name: "Door: NAME Beeld: AGENCY"
    ("<div class='attribution'><span class='author'>Door: Tom de Vries</span> "
     "<span class='media-copyright'>Beeld: Pro Shots</span></div>", ["Tom de Vries"]),
    ("<p class='byline'>von Anna Roth, RAIL DESK Stand: 28. April 2023, 05:00 Uhr</p>", ["Anna Roth"]),
    # "Last Updated:" after the name, the label two words long
    ("<div><p>By <a href='/contributors/ann-lee/'>Ann Lee Porter</a>,</p><span>Last Updated: "
     "<time>Jul 4, 2025</time></span></div>", ["Ann Lee Porter"]),
])
def test_a_byline_ends_where_the_next_fields_label_begins(meta: str, authors: list[str]) -> None:
    body = f"<div class='post'><h1>Rails across Europe</h1>{meta}{TEXT}</div>"
    assert _page(body).article.authors == authors


@pytest.mark.parametrize(("box", "authors"), [
    # a theme's box of microdata for search engines: metadata, under the name the page declares
    ("<div class='hidden-schema'><span itemprop='author' itemscope itemtype='https://schema.org/Person'>"
     "<span itemprop='name'>Ann-Christine Hellerup Brandt</span></span></div>", ["Ann-Christine"]),
    # hidden on small screens only: shown
    ("<div class='hidden-xs'><span itemprop='author' itemscope itemtype='https://schema.org/Person'>"
     "<span itemprop='name'>Ann-Christine Hellerup Brandt</span></span></div>", ["Ann-Christine Hellerup Brandt"]),
])
def test_a_byline_no_reader_sees_is_metadata(box: str, authors: list[str]) -> None:
    html = ("<html lang='da'><head><title>Madpandekager</title><meta name='author' content='Ann-Christine'></head><body>"
            f"<div class='main-wrapper single-post' itemscope itemtype='http://schema.org/Recipe'>{box}"
            "<article class='post-7 post type-post status-publish hentry'><h1 class='entry-title'>Madpandekager</h1>"
            f"<div class='entry-content'>{TEXT}</div></article></div></body></html>")
    assert parse_page(Page(url=URL, body=html.encode())).article.authors == authors


def test_an_hcards_address_beside_its_name_is_no_part_of_the_name() -> None:
    """hCard: ``fn`` is the name; ``adr``/``locality`` and ``org`` beside it are where and
    for whom, shown glued to it ("Por <strong class='fn'>Ana Lima</strong><span class='adr'>…")."""
    meta = ("<p class='vcard author'>Por <strong class='fn' itemprop='author'>Ana Lima</strong>"
            "<span class='adr'><span class='locality'>São Paulo</span></span></p>")
    body = f"<div class='post'><h1>Rails across Europe</h1>{meta}{TEXT}</div>"
    assert _page(body, lang="pt").article.authors == ["Ana Lima"]


def test_a_label_before_a_single_category_link() -> None:
    """"Posted in <a>Culture</a>": with one short link the label is most of the block."""
    body = ("<article class='post-10 post type-post'><h1 class='entry-title'>Summer festival</h1>"
            "<div class='post-meta'><span class='entry-category'><span class='posted-in'>Posted in "
            "<a href='/category/culture/'>Culture</a></span></span></div>"
            f"<div class='entry-content'>{TEXT}</div></article>")
    assert _page(body).article.categories == ["Culture"]


def test_a_tag_of_letters_around_a_sign() -> None:
    """"Q&A" in a block named for the tags is a label, not an icon link."""
    body = ("<div class='single'><article class='post'><h1>Heat pumps, explained</h1>"
            f"<div class='entry-content'>{TEXT}</div></article><nav class='post-tags'><div>"
            "<a href='/tag/energy/'>energy</a><a href='/tag/qa/'>Q&amp;A</a></div></nav></div>")
    assert _page(body).article.tags == ["energy", "Q&A"]


def test_ping_entries_whose_list_item_and_label_say_pingback() -> None:
    """A theme that hard-codes ``li.pingback`` and prints "Pingback:" for trackbacks too,
    with comment_class() on the article inside (Ashe), or prints the label as the author
    line with the source as the text: a trackback stays one, and the source is the author."""
    body = ("<ul class='comment-list'>"
            "<li class='pingback' id='comment-66'><article class='trackback even thread-even depth-1 entry-comments'>"
            "<div class='comment-content'><h3 class='comment-author'>Pingback:</h3><div class='comment-meta'>"
            f"<a class='comment-date' href='{URL}#comment-66'>June 22, 2023 at 10:00 am</a></div>"
            "<div class='comment-text'><a href='https://music.example.net/festival-preview/' rel='external nofollow ugc' "
            "class='url'>Local Music Blog</a></div></div></article></li>"
            "<li class='pingback' id='comment-65'><article class='pingback odd alt thread-odd depth-1 entry-comments'>"
            "<div class='comment-content'><h3 class='comment-author'>Pingback:</h3><div class='comment-meta'>"
            f"<a class='comment-date' href='{URL}#comment-65'>June 23, 2023 at 7:30 am</a></div>"
            "<div class='comment-text'><a href='https://river.example.org/news/' rel='external nofollow ugc' "
            "class='url'>River Friends</a></div></div></article></li></ul>")
    comments = parse(body).comments
    assert [(c.kind, c.author, c.author_url) for c in comments] == [
        ("trackback", "Local Music Blog", "https://music.example.net/festival-preview/"),
        ("pingback", "River Friends", "https://river.example.org/news/")]


@pytest.mark.parametrize(("label", "lang"), [("カテゴリー", "ja"), ("分类", "zh"), ("Рубрики", "ru")])
def test_a_category_label_in_the_sites_language(label: str, lang: str) -> None:
    """Lightning in Japanese: "<dt>カテゴリー</dt><dd>A and B</dd>", WordPress's own word
    for the categories in the site's language, with no colon."""
    body = ("<article class='post-5 post type-post'><h1 class='entry-title'>Council budget</h1>"
            f"<div class='entry-content'>{TEXT}</div><div class='entry-footer'><div class='entry-meta-dataList'><dl>"
            f"<dt>{label}</dt><dd><a href='/category/local-news/'>Local News</a> and "
            "<a href='/category/politics/'>Politics</a></dd></dl></div></div></article>")
    assert _page(body, lang=lang).article.categories == ["Local News", "Politics"]


def _forum_page(opening: str, replies: str, title: str = "Which lens for night walks?") -> ParseResult:
    html = (f"<!DOCTYPE html><html lang='en'><head><title>{title} - Camera Club</title>"
            f"<meta property='og:title' content='{title}'></head><body>"
            "<nav><a href='/'>Home</a> <a href='/forum/lenses'>Lenses</a></nav>"
            f"<main>{opening}{replies}</main>"
            "<aside><h3>Latest news</h3><p><span>2.03.2019</span> <a href='/news/1'>A new flash</a></p></aside>"
            "</body></html>")
    return parse_page(Page(url="https://club.example.net/discussion/77/which-lens", body=html.encode("utf-8")))


def _forum_entry(kind: str, number: int, name: str, when: str, shown: str, text: str) -> str:
    tag = "li" if kind == "Comment" else "div"
    return (f"<{tag} class='Item Item{kind}' id='{kind}_{number}'><div class='{kind}'>"
            f"<div class='Header'><span class='Author'><a href='/profile/{name}'>{name}</a></span>"
            f"<span class='Meta'><time datetime='{when}'>{shown}</time></span></div>"
            f"<div class='Message'>{text}</div></div></{tag}>")


def test_a_forum_threads_opening_post_is_the_post_not_a_comment() -> None:
    """Vanilla's markup: the opening post under the headline, the replies in a list after
    it, all of one shape. The opening post's name and date are the post's byline and date;
    its replies are the comments."""
    opening = ("<div class='MessageList Discussion'><div class='PageTitle'><h1>Which lens for night walks?</h1></div>"
               + _forum_entry("Discussion", 77, "Marguerite", "2016-03-04T21:05:00+00:00", "March 2016",
                              "I walk the old town at night and want a fast prime. Which one would you take?")
               + "</div>")
    replies = "<div class='CommentsWrap'><span class='Pager'>1</span><ul class='MessageList Comments'>" + "".join(
        _forum_entry("Comment", 900 + i, name, f"2016-03-0{5 + i}T08:1{i}:00+00:00", "March 2016", text)
        for i, (name, text) in enumerate([("Tobias", "A 35 mm f/1.8 is light and sharp enough at night."),
                                          ("Ines", "I would rather take the 50 mm, it is cheaper."),
                                          ("Marguerite", "Thank you both, I will try the 35 mm first.")])) + "</ul></div>"
    result = _forum_page(opening, replies)
    assert result.article.authors == ["Marguerite"]
    assert result.article.published == "2016-03-04T21:05:00+00:00"
    assert "fast prime" in result.article.body
    assert [(c.author, c.text[:9]) for c in result.comments] == [
        ("Tobias", "A 35 mm f"), ("Ines", "I would r"), ("Marguerite", "Thank you")]


def test_an_opening_post_of_the_replies_shape_before_their_heading() -> None:
    """A forum that gives the opening post and the replies one markup, side by side, with
    a "Replies" heading between them; a date in a side column is no date of the post."""
    def entry(name: str, shown: str, text: str) -> str:
        return (f"<div class='BoardComment'><div class='BoardCommentInfo'><span class='BoardCommentName'>{name}</span>"
                f"<span class='BoardCommentTime'><span>{shown}</span> <span>14:02</span></span></div>"
                f"<div class='BoardCommentText'>{text}</div></div>")
    opening = ("<h2 class='Title'>Which lens for night walks?</h2>"
               + entry("nachtfalter", "12.10.19", "Mein Objektiv ist zu langsam für Nachtaufnahmen in der Altstadt."))
    replies = "<h2 class='Title'>Antworten</h2>" + "".join(
        entry(name, "13.10.19", text) for name, text in [
            ("blende8", "Nimm ein 35er mit Blende 1,8, das ist leicht."),
            ("linsenputzer", "Ein Stativ hilft mehr als jedes Objektiv."),
            ("nachtfalter", "Danke, ich probiere beides aus.")])
    result = _forum_page(opening, replies)
    assert result.article.authors == ["nachtfalter"]
    assert result.article.published[:16] == "2019-10-12T14:02"
    assert [c.author for c in result.comments] == ["blende8", "linsenputzer", "nachtfalter"]


def _replies(pinned: str = "") -> str:
    return "<div class='CommentsWrap'><span class='Pager'>1</span><ul class='MessageList Comments'>" + pinned + "".join(
        _forum_entry("Comment", 900 + i, name, f"2016-03-0{5 + i}T08:1{i}:00+00:00", "March 2016", text)
        for i, (name, text) in enumerate([("Tobias", "A 35 mm f/1.8 is light and sharp enough at night."),
                                          ("Ines", "I would rather take the 50 mm, it is cheaper.")])) + "</ul></div>"


_PINNED = _forum_entry("Discussion", 5, "Editor", "2016-03-06T09:00:00+00:00", "March 2016",
                       "Our pick: read the lens guide in the wiki before you buy.")
_HEADLINE = "<div class='PageTitle'><h1>Which lens for night walks?</h1></div>"


@pytest.mark.parametrize(("before", "pinned"), [
    # an entry pinned above the list, after the post's text: a comment, not the post
    (_HEADLINE + "<div class='Body'><p>" + "I walk the old town at night and want a fast prime, light and quiet. " * 3
     + "</p></div>" + _PINNED, ""),
    # the headline with no text of its own, every entry in one list: all of them comments
    (_HEADLINE, _PINNED),
])
def test_an_entry_that_does_not_stand_where_the_post_would_stays_a_comment(before: str, pinned: str) -> None:
    result = _forum_page(before, _replies(pinned))
    assert [c.author for c in result.comments] == ["Editor", "Tobias", "Ines"]
    assert result.article.authors != ["Editor"]


def _numbered_post(number: int, post_id: int, name: str, when: str, text: str) -> str:
    return (f"<li class='postbit' id='post_{post_id}'><div class='userinfo'><a class='username' href='/members/{name}'>"
            f"<strong>{name}</strong></a></div><div class='postdate'><span class='date'>{when}</span>"
            f"<a class='postcounter' href='#post{post_id}'>#{number}</a></div>"
            f"<div class='content'><blockquote class='postcontent'>{text}</blockquote></div></li>")


_POSTS = [("Marguerite", "I walk the old town at night and want a fast prime. Which one would you take?"),
          ("Tobias", "A 35 mm f/1.8 is light and sharp enough at night."),
          ("Ines", "I would rather take the 50 mm, it is cheaper and just as fast."),
          ("Marguerite", "Thank you both, I will try the 35 mm first and report back.")]


@pytest.mark.parametrize("first", [1, 41])
def test_a_forums_numbered_posts_are_the_thread(first: int) -> None:
    """vBulletin's and XenForo's posts are named for posts, not comments: a run of
    siblings with numbered ids, each a name, a date and a text, is the thread. On its
    first page ("#1") the first post is the post; a later page ("#41") has only replies."""
    posts = "".join(_numbered_post(first + i, 5500 + i, name, f"04.03.2016, 2{i}:05", text)
                    for i, (name, text) in enumerate(_POSTS))
    result = _forum_page("<h1>Which lens for night walks?</h1>", f"<ol id='posts' class='posts'>{posts}</ol>")
    shown = range(1, 4) if first == 1 else range(4)
    assert [(c.id, c.author, c.text[:20]) for c in result.comments] == [
        (f"comment-{5500 + i}", _POSTS[i][0], _POSTS[i][1][:20]) for i in shown]
    assert result.article.authors == (["Marguerite"] if first == 1 else [])


def test_numbered_posts_that_open_with_linked_headlines_are_teasers() -> None:
    """An archive listing of a blog (``article#post-N``, each a linked headline, a date,
    a name and an excerpt) holds no comments, and its teasers stay in the page the header
    layers read (they are no thread records)."""
    teasers = "".join(
        f"<article class='post' id='post-{n}'><h2 class='entry-title'><a href='/2016/03/0{n}/story-{n}/'>"
        f"A long headline of story number {n}</a></h2><div class='meta'>By <a href='/author/ann/'>Ann</a>"
        f" on <time datetime='2016-03-0{n}'>March {n}, 2016</time></div>"
        f"<p>The first words of story {n}, a teaser for the whole of it, as long as a comment is.</p></article>"
        for n in range(1, 5))
    result = _forum_page("<h1>Which lens for night walks?</h1>", f"<section class='archive'>{teasers}</section>")
    assert result.comments == []
    assert CommentIndex(Page(url=URL, body=f"<html><body><h1>Stories</h1>{teasers}</body></html>".encode())).records == []


def test_a_number_standing_as_a_word_is_no_part_of_a_byline() -> None:
    """A nutrition table's row after the Italian "di" ("by") reads like a byline: "di cui
    zuccheri g 21,9". A number that stands as a word of its own names nobody."""
    rows = "".join(f"<li><span class='macros-name'>{name}</span> <span class='macros-unit'>{unit}</span> "
                   f"<span class='macros-value'>{value}</span></li>"
                   for name, unit, value in [("Energia", "Kcal", "312,8"), ("Carboidrati", "g", "25,4"),
                                             ("&nbsp;&nbsp;di cui zuccheri", "g", "21,9")])
    html = ("<!DOCTYPE html><html lang='it'><head><title>Torta di mele</title></head><body><article class='post'>"
            "<h1>Torta di mele</h1><div class='entry-content'><p>Una torta semplice, soffice e profumata.</p>"
            f"<ul class='macros'>{rows}</ul></div></article></body></html>")
    result = parse_page(Page(url="https://ricette.example.it/torta-di-mele/", body=html.encode("utf-8")))
    assert result.article.authors == []


def test_replies_in_an_indented_box_after_the_comment_they_answer() -> None:
    """Comments and replies alike are ``article.comment`` in one box that also reads as a
    record; a reply sits in a ``<div style="padding-left:50px">`` after its comment, past
    the comment's "Reply" link and the empty box its reply form opens in."""
    def comment(name: str, day: str, text: str) -> str:
        return (f"<article class='comment'><h3><strong class='comments-author'>{name}</strong><br>{day}</h3>"
                f"<p>{text}</p></article>")

    def reply_tools(number: int) -> str:
        return (f"<span id='replyLink{number}'><a href='javascript:reply({number})'>Rispondi</a></span>"
                f"<div style='padding-left:30px;' id='replyBox{number}'></div>")
    thread = ("<div class='comment-box' id='commenti'><h2>Commenti degli utenti (3)</h2>"
              + comment("Lucia Neri", "martedì 23 marzo 2021", "Si può usare la sfoglia fresca al posto di quella secca?")
              + reply_tools(1)
              + "<div style='padding-left:50px;'>"
              + comment("La Redazione", "martedì 23 marzo 2021", "Sì, basta ridurre il tempo di cottura di cinque minuti.")
              + reply_tools(2) + "</div>"
              + comment("Marco Bianchi", "giovedì 14 gennaio 2021", "Io aggiungo anche un po' di noci tritate, ottime.")
              + reply_tools(3) + "</div>")
    result = parse(thread, lang="it")
    assert [(c.author, c.depth, c.parent_id == result.comments[0].id) for c in result.comments] == [
        ("Lucia Neri", 1, False), ("La Redazione", 2, True), ("Marco Bianchi", 1, False)]


def test_a_parent_category_shown_beside_the_posts_own() -> None:
    """WordPress names only the assigned category in the post element's classes
    (``category-breakfast``); a theme shows its parent too, whose address the child's
    hierarchical address holds (``/category/recipes/breakfast/``)."""
    html = ("<!DOCTYPE html><html lang='en'><head><title>Apple doughnuts</title></head><body>"
            "<article id='post-7' class='post-7 post type-post category-breakfast tag-doughnuts'>"
            "<ul class='td-category'><li><a href='https://cook.example.com/category/recipes/'>Recipes</a></li>"
            "<li><a href='https://cook.example.com/category/recipes/breakfast/'>Breakfast</a></li></ul>"
            "<h1 class='entry-title'>Apple doughnuts</h1><div class='entry-content'><p>Fry them in a skillet.</p></div>"
            "<div class='td-tags'><span>TAGS</span><a href='https://cook.example.com/tag/doughnuts/'>Doughnuts</a></div>"
            "</article><aside><a href='https://cook.example.com/category/dinner/'>Dinner</a></aside></body></html>")
    result = parse_page(Page(url="https://cook.example.com/apple-doughnuts/", body=html.encode("utf-8")))
    assert (result.article.categories, result.article.tags) == (["Recipes", "Breakfast"], ["Doughnuts"])


def test_a_box_of_more_like_this_categories_is_no_part_of_the_post() -> None:
    """Below a recipe, "more like this" offers other categories as filter buttons
    (``div.more-like-this__categories``): other posts' labels, not the post's own."""
    html = ("<!DOCTYPE html><html lang='sv'><head><title>Fiskgryta</title></head><body><main><article>"
            "<h1>Fiskgryta</h1><p>En gul fiskgryta med saffran och räkor.</p></article>"
            "<section class='more-like-this'><h2>Mer som detta</h2><div class='more-like-this__categories'>"
            "<a href='https://mat.example.se/recept/fisk/gratang/'>Fiskgratäng</a>"
            "<a href='https://mat.example.se/recept/soppa/'>Fisksoppa</a></div></section></main></body></html>")
    result = parse_page(Page(url="https://mat.example.se/recept/fiskgryta-123/", body=html.encode("utf-8")))
    assert result.article.categories == []


@pytest.mark.parametrize("marked", ["style", "class"])
def test_reply_levels_shown_only_by_each_entrys_own_indentation(marked: str) -> None:
    """A flat list whose entries show their reply level only by an inline left padding
    (0, 18, 36px) or a class that names them indented: each indent is a level, and an
    entry answers the nearest one above it a level up."""
    def entry(number: int, indent: int, name: str, text: str) -> str:
        if marked == "class":
            style = " class='entry entry--indented'" if indent else " class='entry'"
        else:
            style = f" style='padding-left:{indent}px;'" if indent else ""
        return (f"<li id='cid{number}'{style}><h4><a>{name}</a> - Thursday, June 29, 2017 - "
                f"<a href='/comments/11/post/{number}'>link</a></h4><span>{text}</span>"
                f"<a class='reply_btn' href='/Comment/New?parent={number}'>Reply</a></li>")
    thread = ("<h3>4 Comments</h3><ul id='ulComments'>"
              + entry(101, 0, "gearhead", "The new chips run cooler than the old ones, at the same clock.")
              + entry(102, 18, "siliconfan", "Cooler, yes, but the old ones overclock much further.")
              + entry(103, 36, "gearhead", "Not on the second revision, mine reaches the same clock.")
              + entry(104, 0, "quietpc", "Does anyone know when the laptops with these chips ship?") + "</ul>")
    result = parse(thread)
    deepest = 3 if marked == "style" else 2  # (a class names one step only: 102 and 103 both answer 101)
    assert [(c.id, c.depth, c.parent_id) for c in result.comments] == [
        ("comment-cid101", 1, None), ("comment-cid102", 2, "comment-cid101"),
        ("comment-cid103", deepest, "comment-cid102" if deepest == 3 else "comment-cid101"), ("comment-cid104", 1, None)]


@pytest.mark.parametrize(("title", "body", "shown"), [
    # "<title>Title: subtitle - Site</title>": the whole title stands before the site's name,
    # so the h1 showing it all is the headline, not a box's heading with the part before the colon
    ("Oven Fries: Crisp Without Oil (and a Book!) - Kitchen Notes",
     "<div class='fl-row'><div class='fl-col'><h1 class='fl-heading'><span>Oven Fries: Crisp Without Oil (and a Book!)"
     "</span></h1><div class='fl-html'><p>Cut the potatoes thin and bake them hot.</p></div></div><div class='fl-col'>"
     "<div class='shop'><h3 class='shop-title'>Oven Fries</h3><p>The book, out now.</p></div></div></div>",
     "Oven Fries: Crisp Without Oil (and a Book!)"),
    # GoodLayers' post header "header.single-blog-title-style-4" has a site-title box's words
    # ("blog", "title"); its h1 showing the declared title is the headline, no section heading is
    ("Shortbread Cookies - Kitchen Notes",
     "<div class='site-header'><a href='/'>Kitchen Notes</a></div><article class='post-7 post type-post'>"
     "<header class='single-article-head single-blog-title-style-4'><div class='single-article-head-right'>"
     "<h1 class='single-article-title'>Shortbread Cookies</h1></div></header><div class='entry-content'>"
     "<p>Buttery and short, with jam in the middle.</p><h2 class='wp-block-heading'>Ingredient Notes + Variations</h2>"
     "<p>Use salted butter.</p></div></article>",
     "Shortbread Cookies"),
])
def test_the_headline_is_the_h1_that_shows_the_declared_title(title: str, body: str, shown: str) -> None:
    html = (f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>"
            f"<meta property='og:site_name' content='Kitchen Notes'></head><body>{body}</body></html>")
    result = parse_page(Page(url="https://kitchen.example.com/a-post/", body=html.encode("utf-8")))
    assert result.article.title == shown


_THEMECO_THREAD = (
    '<div class="x-comment-markup x-comment-list"><ol class="x-comments-list" id="comments">'
    ' <li id="li-comment-8801" class="comment byuser comment-author-lena bypostauthor even thread-even depth-1">'
    ' <div class="x-comment-img"><span class="avatar-wrap cf"></span>'
    ' <span class="bypostauthor">Post<br>Author</span></div> <article id="comment-8801" class="comment">'
    ' <header class="x-comment-header">'
    ' <cite class="x-comment-author"><span>Lena Gray</span></cite><div><a href="https://cook.example.com/orange-rolls/#comment-8801" class="x-comment-time"><time datetime="2024-04-02T08:37:59-06:00">April 2, 2024 at 8:37 am</time></a></div>'
    ' </header> <section class="x-comment-content">'
    ' <p><img class="wprm-comment-rating" /><br /> So good with extra zest!</p> </section>'
    ' <div class="x-reply">'
    ' <a class="comment-reply-link" href="#comment-8801">Reply <span class="comment-reply-link-after"></span></a>'
    ' </div> </article> </li>'
    ' <li id="li-comment-16562" class="comment odd alt thread-odd thread-alt depth-1">'
    ' <div class="x-comment-img"><span class="avatar-wrap cf"></span> </div>'
    ' <article id="comment-16562" class="comment"> <header class="x-comment-header">'
    ' <cite class="x-comment-author"><span>Delia</span></cite><div><a href="https://cook.example.com/orange-rolls/#comment-16562" class="x-comment-time"><time datetime="2024-11-21T12:19:13-06:00">November 21, 2024 at 12:19 pm</time></a></div>'
    ' </header> <section class="x-comment-content">'
    ' <p><img class="wprm-comment-rating" /><br /> Easy to adapt, I used lemons instead.</p> </section>'
    ' <div class="x-reply">'
    ' <a class="comment-reply-link" href="#comment-16562">Reply <span class="comment-reply-link-after"></span></a>'
    ' </div> </article> <ol class="children">'
    ' <li id="li-comment-16567" class="comment byuser comment-author-lena bypostauthor even depth-2">'
    ' <div class="x-comment-img"><span class="avatar-wrap cf"></span>'
    ' <span class="bypostauthor">Post<br>Author</span></div> <article id="comment-16567" class="comment">'
    ' <header class="x-comment-header">'
    ' <cite class="x-comment-author"><span>Ambra</span></cite><div><a href="https://cook.example.com/orange-rolls/#comment-16567" class="x-comment-time"><time datetime="2024-11-21T14:01:13-06:00">November 21, 2024 at 2:01 pm</time></a></div>'
    ' </header> <section class="x-comment-content"> <p>Thank you so much Delia!</p> </section>'
    ' <div class="x-reply">'
    ' <a class="comment-reply-link" href="#comment-16567">Reply <span class="comment-reply-link-after"></span></a>'
    ' </div> </article> </li> </ol></div>'
)


def test_a_box_named_both_comment_and_list_is_the_thread() -> None:
    """Themeco's ``div.x-comment-markup.x-comment-list`` holds the whole comment list: a
    name that speaks of a list makes it the thread, not the first comment with every
    other one its reply (markup as the theme writes it, other names and texts)."""
    result = parse(_THEMECO_THREAD)
    assert [(c.author, c.depth) for c in result.comments] == [("Lena Gray", 1), ("Delia", 1), ("Ambra", 2)]


def test_a_run_of_unnamed_entries_under_a_comments_heading() -> None:
    """Utility-class markup names nothing (``div.flex.items-start`` entries under an
    ``h5`` "Comentários", replies in a ``div.ml-6`` after the entry they answer): the
    heading names the thread, the run after it holds the comments."""
    def entry(name: str, day: str, text: str) -> str:
        return (f"<div class='flex items-start my-8 w-full'><div class='w-12'><a href='/usuario/{name.lower()}'>"
                f"<img alt='{name}' src='/a.png'></a></div><div class='w-10/12 px-1'><div class='flex justify-between'>"
                f"<a class='font-bold' href='/usuario/{name.lower()}'>{name}</a><span class='text-sm'>{day}</span></div>"
                f"<p class='text-base'>{text}</p></div></div>")
    thread = ("<div><div class='mb-6'><div class='flex flex-col'><h5 class='text-3xl'>Comentários</h5></div>"
              "<textarea placeholder='Conta pra gente'></textarea></div>"
              + entry("Marta", "05/11/2020", "Não tenho caldo de galinha, e agora?")
              + "<div class='ml-6'>" + entry("Redacao", "06/11/2020", "Oi Marta! Pode usar só água e sal.") + "</div>"
              + entry("Paulo", "08/01/2019", "Receita fácil e gostosa, já fiz várias vezes.") + "</div>")
    result = parse(thread, lang="pt")
    assert [(c.author, c.published, c.depth) for c in result.comments] == [
        ("Marta", "2020-11-05", 1), ("Redacao", "2020-11-06", 2), ("Paulo", "2019-01-08", 1)]
    assert result.comments[1].parent_id == result.comments[0].id


@pytest.mark.parametrize(("levels", "depths"), [
    (("root", "1", "2", "root"), [1, 2, 3, 1]),  # a BEM modifier counted from a root level
    (("1", "2", "3", "1"), [1, 2, 3, 1]),  # the same, counted from 1
])
def test_reply_levels_named_by_a_modifier_of_a_longer_class(levels: tuple, depths: list[int]) -> None:
    """Flat entries whose reply level is a modifier of their class name
    (``cd-comments__item--level-root``, ``--level-1``): the level is the depth, one more
    where the list counts its top level as "root"."""
    def entry(number: int, level: str, name: str, text: str) -> str:
        return (f"<div class='cd-comments__item cd-comments__item--level-{level}' id='blog-comment-{number}'>"
                f"<div class='cd-comments__author'>{name}</div><div class='cd-comments__date'>2020-05-0{number % 9} 19:32:23"
                f"</div><div class='cd-comments__message'><p>{text}</p></div></div>")
    names = [("Klaas", "Lekker recept, zal ik zeker maken."), ("Rutger", "Dank je, Klaas!"),
             ("Klaas", "Graag gedaan, tot de volgende."), ("Linda", "Mooi recept en duidelijke uitleg.")]
    thread = "<div class='cd-comments'>" + "".join(
        entry(i + 1, level, name, text) for i, (level, (name, text)) in enumerate(zip(levels, names, strict=True))) + "</div>"
    result = parse(thread, lang="nl")
    assert [c.depth for c in result.comments] == depths
    assert result.comments[1].parent_id == result.comments[0].id


@pytest.mark.parametrize("standfirst", [
    "By the time the council voted on the budget, the harbour works had already run a year late.",
    "By security and as the governor said, the review was no election matter for the city at all!",
])
def test_a_sentence_that_begins_with_by_is_no_byline(standfirst: str) -> None:
    """A standfirst that begins "By …" is prose; the byline below it names the writer."""
    body = ("<div class='story'><h1 class='headline'>Harbour works run late</h1>"
            f"<p class='standfirst'>{standfirst}</p><div class='story-info'><span class='story-by'>By "
            "<a href='/staff/ann-lee/'>Ann Lee</a>, Health Editor</span></div>" + TEXT + "</div>")
    assert _page(body).article.authors == ["Ann Lee"]


def test_a_comment_timestamp_without_a_zone_hours_off_its_shown_clock_is_utc() -> None:
    """``<time datetime="2017-10-25 19:39:00">October 25, 2017 at 3:39 pm</time>``: the
    attribute is UTC written without its zone; the comment's time is the clock shown, in
    the offset the two reveal."""
    thread = ("<ol class='comment-list'><li id='comment-22' class='comment depth-1'><article class='comment-body'>"
              "<footer class='comment-meta'><b class='fn'>Marie</b> <a href='#comment-22'>"
              "<time datetime='2017-10-25 19:39:00'>October 25, 2017 at 3:39 pm</time></a></footer>"
              "<div class='comment-content'><p>The photos never work out the first time for me either.</p></div>"
              "</article></li></ol>")
    assert [c.published for c in parse(thread).comments] == ["2017-10-25T15:39:00-04:00"]


def test_a_date_written_with_spaced_dots_after_the_text() -> None:
    """A theme's "d . M . Y" ("01 . Apr . 2023") after the text, the commenter's name in an
    h5 above it: the date makes the record, and the name line is the one before the text."""
    thread = ("<ol class='comment-list'><li class='comment depth-1' id='comment-5'><div class='media comment'>"
              "<div class='media-left'><img class='avatar' src='/a.png' alt=''></div><div class='media-body'>"
              "<h5>Monica</h5><p>I will try this with the local brandy here in Valencia.</p><p>Thanks,</p>"
              "<span class='date-comment'>01 . Apr . 2023</span></div></div></li></ol>")
    assert [(c.author, c.published) for c in parse(thread).comments] == [("Monica", "2023-04-01")]


def test_depth_classes_outrank_nesting_that_a_never_closed_element_made() -> None:
    """A comment template that never closes its ``div`` nests every later comment in the
    first; their ``depth-N`` classes still say which answers which."""
    def entry(number: int, depth: int, name: str, text: str) -> str:
        return (f"<li class='comment depth-{depth}' id='li-comment-{number}'><div id='comment-{number}'>"
                f"<div class='comment-author vcard'><cite class='fn'>{name}</cite></div>"
                f"<div class='comment-meta'>January {number}, 2025 at 11:59 am</div><p>{text}</p>")  # no </div></li>
    thread = ("<ol class='commentlist'>" + entry(1, 1, "Cathy", "My mother made these every Sunday.")
              + entry(2, 1, "Lindsey", "Why cook them before freezing?")
              + entry(3, 2, "Karen", "They stick together if you don't.")
              + entry(4, 1, "Diana", "My dough came out perfect this time.") + "</ol>")
    result = parse(thread)
    assert [(c.author, c.depth) for c in result.comments] == [("Cathy", 1), ("Lindsey", 1), ("Karen", 2), ("Diana", 1)]
    assert result.comments[2].parent_id == result.comments[1].id


def test_a_bold_name_inside_the_line_the_date_is_read_from() -> None:
    """"<strong>Kiersten @ Handle the Heat</strong> — October 9, 2023 at 8:53 am" in one
    ``div.commentmeta``: the date is read from the whole line, and the bold name in it is
    still the commenter's, whole ("@" separates name from time only in loose text)."""
    thread = ("<ol class='commentlist'><li class='comment depth-1' id='comment-9'><div class='commentmeta'>"
              "<strong>Kiersten @ Handle the Heat</strong> &#8212; October 9, 2023 <em>at</em> 8:53 am </div>"
              "<div class='comment-body'><p>Bake them two minutes longer next time.</p></div></li></ol>")
    assert [(c.author, c.published) for c in parse(thread).comments] == [
        ("Kiersten @ Handle the Heat", "2023-10-09T08:53:00")]


def test_a_style_sheet_named_for_breadcrumbs_is_no_trail() -> None:
    """A plugin's ``<link id="widget-breadcrumbs-css">`` in the head comes first in the
    page and is named for breadcrumbs; the trail is the one the page shows."""
    html = ("<!DOCTYPE html><html lang='en'><head><title>Baked eggs</title>"
            "<link rel='stylesheet' id='widget-breadcrumbs-css' href='/wp-content/breadcrumbs.css'></head><body>"
            "<div class='elementor-widget-breadcrumbs'><p id='breadcrumbs'><span><a href='https://eggs.example.com/'>Home</a>"
            "</span> » <span><a href='https://eggs.example.com/category/food/'>Food</a></span> » <span>"
            "<a href='https://eggs.example.com/category/food/breakfast/'>Breakfast</a></span> » "
            "<span class='breadcrumb_last'>Baked eggs</span></p></div>"
            "<article class='post'><h1>Baked eggs</h1><p>Crack the eggs into a muffin tin and bake them.</p></article>"
            "</body></html>")
    result = parse_page(Page(url="https://eggs.example.com/baked-eggs/", body=html.encode("utf-8")))
    assert result.article.categories == ["Food", "Breakfast"]


def test_the_posts_article_metadata_before_a_recipe_cards() -> None:
    """A recipe post's JSON-LD holds the recipe card's ``Recipe`` (a day, the card's
    author) before the post's ``Article``; the Article speaks for the post, and a day
    gives way to a timestamp of the same day."""
    graph = ('{"@context":"https://schema.org","@graph":['
             '{"@type":"Recipe","name":"Waffles","datePublished":"2013-08-27","author":{"@type":"Person","name":"Card Author"}},'
             '{"@type":"Article","headline":"Chicken and Waffles","datePublished":"2013-08-27T20:28:57+00:00",'
             '"author":{"@type":"Person","name":"Hilah"}}]}')
    html = ("<!DOCTYPE html><html lang='en'><head><title>Chicken and Waffles</title>"
            f"<script type='application/ld+json'>{graph}</script></head><body><article class='post'>"
            "<h1>Chicken and Waffles</h1><p>Crisp waffles and fried chicken.</p></article></body></html>")
    result = parse_page(Page(url="https://cook.example.com/chicken-and-waffles/", body=html.encode("utf-8")))
    assert (result.article.published, result.article.authors) == ("2013-08-27T20:28:57+00:00", ["Hilah"])


def test_a_pen_name_with_the_in_it_is_a_byline() -> None:
    """"Joy the Baker" in ``span.entry-author-name``: a pen name, "the" and all."""
    body = ("<div class='post'><h1>Jambalaya biscuits</h1><p class='entry-meta'><time class='entry-time'>"
            "February 9, 2023</time> by <span class='entry-author'><a href='/author/joythebaker/' rel='author'>"
            "<span class='entry-author-name'>Joy the Baker</span></a></span></p>" + TEXT + "</div>")
    assert _page(body).article.authors == ["Joy the Baker"]


def test_an_update_line_after_the_text_is_the_posts_update() -> None:
    """A newspaper's "This article was last modified at 11.00 GMT on Monday 5 January
    2009" below the text: the date beside the headline is the publication, this line
    the update."""
    body = ("<div class='story'><h1 class='headline'>Budget hearing moves to Monday</h1>"
            "<div class='story-info'><span class='story-by'>By <a href='/staff/ann-lee/'>Ann Lee</a></span><br>"
            "<span class='story-dt'>Monday 5 January 2009 08.00 GMT</span></div>" + TEXT
            + "<p class='story-modified'>This article was last modified at 11.00 GMT on Monday 5 January 2009</p></div>")
    article = _page(body).article
    assert (article.published[:16], (article.updated or "")[:16]) == ("2009-01-05T08:00", "2009-01-05T11:00")


def test_a_heading_over_links_left_out_of_the_body_goes_with_them() -> None:
    """A "Related" box inside the text (a short heading over a link to another story):
    the link is left out as link text, and the heading alone goes too."""
    prose = "".join(f"<p>Paragraph {n} of the story, with words enough to read as the text of a news post "
                    f"about the harbour works and the budget hearing of the council.</p>" for n in range(1, 7))
    html = ("<!DOCTYPE html><html lang='en'><head><title>Harbour works</title></head><body>"
            "<div id='story-col'><div class='story' id='story-7'><h1>Harbour works</h1><div class='story-body'>"
            + prose[:len(prose) // 2] + "<div class='story-aside'><h4>Related</h4><p><a href='/energy/2009/05/13/"
            "council-bill/'>Evening law council bill report privacy</a></p></div>" + prose[len(prose) // 2:]
            + "</div></div></div></body></html>")
    result = parse_page(Page(url="https://news.example.com/2009/05/13/harbour-works/", body=html.encode("utf-8")))
    assert "Paragraph 6" in result.article.body and "Related" not in result.article.body


def test_a_name_in_a_list_item_of_its_own_before_the_date() -> None:
    """A meta line written as a list ("<li>NAME</li><li><time>…</time></li><li>stars</li>")."""
    entry = ('<li class="cl-item"><article id="comment-{n}" class="comment depth-1 cdiv"><div class="cright">'
             '<div class="cmeta"><ul><li class="cauth">{name}</li><li><time datetime="2025-04-{d}T17:58:23-05:00">'
             'April {d}, 2025</time></li></ul></div><div class="ccontent"><p>{text}</p></div></div></article></li>')
    result = parse('<ul class="commentlist">' + entry.format(n=1, name="Brenda", d=30, text="An easy recipe, thank you.")
                   + entry.format(n=2, name="Pat Stanton", d=29, text="My go-to recipe for swordfish.") + "</ul>")
    assert [(c.author, c.published[:10], c.text) for c in result.comments] == [
        ("Brenda", "2025-04-30", "An easy recipe, thank you."), ("Pat Stanton", "2025-04-29", "My go-to recipe for swordfish.")]


@pytest.mark.parametrize("notice", ["Your comment is awaiting moderation.", "Dein Kommentar muss noch freigegeben werden.",
                                    "Votre commentaire est en attente de modération."])
def test_a_moderation_notice_is_no_part_of_the_comment(notice: str) -> None:
    result = parse('<ol class="commentlist"><li id="li-comment-7"><div class="comment" id="comment-7">'
                   '<div class="cmeta"><div class="cname">Darcie</div><div class="cdate">December 16, 2024</div></div>'
                   f'<div class="ctext"><p><em>{notice}</em></p><p>I made this two ways and both were good.</p></div>'
                   '</div></li></ol>')
    assert [c.text for c in result.comments] == ["I made this two ways and both were good."]


def test_a_list_item_named_for_the_posts_labels_glued_to_post() -> None:
    """``li.posttags`` in the post's header: "#"-decorated links to /category/ and /tag/ archives."""
    header = ('<ul class="pmeta"><li class="pdate">Dec 3, 2021</li><li class="posttags"><ul>'
              '<li><a href="/category/bread/">#Bread Recipes</a></li><li><a href="/category/holiday/christmas/">#Christmas</a></li>'
              '<li><a href="/tag/cranberry/">#cranberry</a></li></ul></li></ul>')
    html = (f"<!DOCTYPE html><html lang='en'><head><title>A post</title></head><body><ul class='top'>"
            f"<li class='tags'><a href='/tags.html'>Tags</a></li><li><a href='/about/'>About</a></li></ul>"
            f"<article class='post'><h1>A post</h1>{header}<div class='entry-content'><p>Body text of the post.</p></div>"
            f"</article></body></html>")
    article = parse_page(Page(url=URL, body=html.encode())).article
    assert (article.categories, article.tags) == (["Bread Recipes", "Christmas"], ["cranberry"])


def test_a_post_showing_only_its_update_has_the_declared_publication() -> None:
    """"Last updated: <time datetime=…>" is the only date shown, with its time; the page's
    metadata declares the publication, earlier: that is the post's date."""
    head = ('<title>A post</title><meta property="article:published_time" content="2020-05-13T10:00:00+00:00">'
            '<meta property="article:modified_time" content="2022-09-22T20:08:04+00:00">')
    html = ("<!DOCTYPE html><html lang='en'><head>" + head + "</head><body><article class='post'><h1>A post</h1>"
            "<p class='meta'><span class='posted-on'>Last updated: <time class='entry-date' "
            "datetime='2022-09-22T16:08:04-04:00'>September 22, 2022</time></span></p>"
            "<div class='entry-content'><p>Body text of the post.</p></div></article></body></html>")
    article = parse_page(Page(url=URL, body=html.encode())).article
    assert (article.published[:10], article.updated[:10]) == ("2020-05-13", "2022-09-22")


def test_a_name_after_a_by_set_apart_in_an_element_of_its_own() -> None:
    html = ("<!DOCTYPE html><html lang='en'><head><title>A post</title><meta name='author' content='Nisha Vora'></head>"
            "<body><article class='post'><p class='pdates'>August 8, 2020 <span class='lm'>(Updated Mar 31, 2021)</span> "
            "<span class='pm-by'>by</span> <a href='/about/'>Nisha</a></p><h1>A post</h1>"
            "<div class='entry-content'><p>Body text of the post.</p></div></article></body></html>")
    assert parse_page(Page(url=URL, body=html.encode())).article.authors == ["Nisha"]


def test_a_layout_column_named_for_its_sidebar_holds_the_post() -> None:
    """``div.mainwrap.sidebar`` is the main column of a layout with a sidebar: the post's
    labels inside it are the post's (the sidebar beside it is not)."""
    html = ("<!DOCTYPE html><html lang='en'><head><title>Homemade croissants</title></head><body>"
            "<div class='mainwrap single sidebar'><div class='postcontent'><div class='blog-category'><em>"
            "<a href='/category/recipes/sourdough/'>Sourdough Recipes</a></em></div><h1 class='title'>Homemade croissants</h1>"
            "<div class='entry'><p>Body text of the post.</p></div></div>"
            "<div class='sidebar'><div class='blog-category'><a href='/category/cakes/'>Cakes</a></div></div></div>"
            "</body></html>")
    assert parse_page(Page(url=URL, body=html.encode())).article.categories == ["Sourdough Recipes"]


@pytest.mark.parametrize(("word", "name"), [("om", False), ("às", False), ("kl.", False), ("EST", False),
                                            ("wtorek", False), ("Do.", False), ("min", False),
                                            ("Sam", True), ("Em", True), ("Dom", True), ("Anja Korsten", True)])
def test_words_left_of_a_date_line_are_no_names(word: str, name: bool) -> None:
    """What remains of "op 5 mei 2015 om 12:00", "às 14:32", "kl. 9.15", "10:20 PM EST"
    once date and time are read is no commenter; short given names stay names."""
    from archiver.parsers.record import plausible_name

    assert plausible_name(word) is name


def test_a_name_before_disse() -> None:
    """Portuguese "NAME disse:" as WordPress translates "says:"."""
    entry = ('<li class="c-item"><div class="c-box"><p class="c-line"><b>{name}</b> disse:</p>'
             '<p class="c-when">{d} de março de 2026 às 14:32</p><p>{text}</p></div></li>')
    result = parse('<ol class="commentlist">' + entry.format(name="Lucia Gomes", d=3, text="Eu amo essas receitas fáceis.")
                   + entry.format(name="Paula", d=4, text="Ficou uma delícia, obrigada!") + "</ol>", lang="pt")
    assert [(c.author, c.text) for c in result.comments] == [
        ("Lucia Gomes", "Eu amo essas receitas fáceis."), ("Paula", "Ficou uma delícia, obrigada!")]


def test_a_date_line_below_the_headline_whatever_it_is_called() -> None:
    """No class names a date and the line is no neighbour of the headline: the short lines
    between the headline and the text are read for it."""
    body = ("<div class='q0'><div class='q1'><div class='q2'><h1>Rails across Europe</h1></div></div>"
            "<div class='q3'><img src='/a.jpg' alt=''><div class='q4'><a href='/autor/ann/'>Ann Lee</a> / "
            f"22.04.2020 / 06:15 / <a href='#fotos'>Foto: Bahn</a></div></div>{TEXT}</div>")
    assert _page(body, lang="de").article.published == "2020-04-22T06:15:00"


def test_a_caption_that_mentions_a_day_is_no_date_line() -> None:
    caption = ("<div class='q4'><span>Travellers wait for the night train at the station in Basel, Switzerland, "
               "on May 18, 2018, after the strike was called off.</span></div>")
    body = ("<div class='q0'><div class='q1'><div class='q2'><h1>Rails across Europe</h1></div></div>"
            f"<div class='q3'><img src='/a.jpg' alt=''>{caption}</div>{TEXT}</div>")
    assert (_page(body).article.published or "")[:10] != "2018-05-18"


def _linked(href: str) -> str:
    return f"<div class='q1'><ul><li><a href='{href}'>Ann Lee</a></li></ul></div>"


@pytest.mark.parametrize(("link", "authors"), [
    (_linked("/people/ann-lee/"), ["Ann Lee"]),  # a staff profile
    (_linked("/chinafinancialmarkets/experts/444"), ["Ann Lee"]),  # by number
    (_linked("/view/authors/923688/Ann_Lee.php"), ["Ann Lee"]),  # number and slug
    (_linked("/news/author/Ann+Lee/index.html"), ["Ann Lee"]),  # slug and index page
    # a photo site's page of a person, in the blog's own links
    (_linked("http://www.flickr.com/people/38796531@N08/"), []),
    # a person the story mentions
    ("<p>US President <a href='/topics/people/ann-lee.html'>Ann Lee</a> has been eager to withdraw the trains, "
     "but the chairman of the joint board told the press this month that its timetable would hold for now.</p>", []),
])
def test_a_link_to_the_writers_page_is_the_byline(link: str, authors: list[str]) -> None:
    body = f"<div class='q0'><h1>Rails across Europe</h1>{link}{TEXT}</div>"
    assert _page(body).article.authors == authors


@pytest.mark.parametrize(("text", "names"), [
    ("Written by Rachael Link, MS, RD on November 14, 2019", ["Rachael Link"]),
    ("By Ann Lee, M.D., and Bob Ray, PhD", ["Ann Lee", "Bob Ray"]),
    ("By ANN LEE and BOB", ["ANN LEE", "BOB"]),  # capitals are the names when the whole line is in them
    ("By admin -", ["admin"]),  # a separator left at the end
])
def test_degrees_after_a_name_are_no_names(text: str, names: list[str]) -> None:
    from archiver.parsers.byline import clean_byline

    assert clean_byline(text) == names


@pytest.mark.parametrize("line", ["<h3>by Jeff Foust</h3>", "<cite>By <span>Jeff Foust</span> - AP</cite>"])
def test_a_by_line_near_the_headline_whatever_holds_it(line: str) -> None:
    """No post element, no class that names a byline, the headline's region holding other
    things: the "by" line among the elements right after the headline is the byline."""
    body = ("<table><tr><td><div class='q1'><h1>Rails across Europe</h1></div></td></tr>"
            f"<tr><td><div class='q2'>{line}</div>{TEXT}</td></tr></table>")
    assert _page(body).article.authors == ["Jeff Foust"]


@pytest.mark.parametrize(("declared", "names"), [
    ("Bruce Y. Lee", ["Bruce Y. Lee"]),  # an initial, not Spanish "y"
    ("Ana García y Pedro Ruiz", ["Ana García", "Pedro Ruiz"]),
    ("Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
])
def test_declared_authors_split_at_words_for_and_only(declared: str, names: list[str]) -> None:
    from archiver.parsers.text import clean_byline

    assert clean_byline(declared) == names


@pytest.mark.parametrize(("shown", "name"), [("Candice", "Candice"), ("Ana dice:", "Ana"), ("Olu K. says:", "Olu K.")])
def test_a_name_that_ends_in_a_word_for_says_keeps_it(shown: str, name: str) -> None:
    """"says:" in another language ("dice", Spanish and Italian) is cut from a name line
    only as a word of its own: "Candice" is a name, not "Can" who says."""
    from archiver.parsers.record import clean_author

    assert clean_author(shown) == name


def test_bbpress_replies_take_the_date_row_before_them() -> None:
    """bbPress shows each reply as two rows, in a list item of its own: a header with its
    date and permalink (``div.bbp-reply-header``), then the reply's box (author, role,
    text). Every record of the list has such a row right before it: the row is the
    record's, and so is its date (the topic's author's replies carry a class more)."""
    def reply(n: int, shown: str, name: str, text: str, extra: str = "") -> str:
        return (f'<li><div id="post-{n}" class="bbp-reply-header"><div class="bbp-meta">'
                f'<span class="bbp-reply-post-date">{shown}</span> <a href="#post-{n}" class="bbp-reply-permalink">'
                f'#{n}</a></div></div><div class="loop-item--1 bbp-reply-position-2 {extra} post-{n} reply type-reply">'
                f'<div class="bbp-reply-author"><a class="bbp-author-name" href="/forums/users/{name.lower()}/">{name}'
                f'</a><div class="bbp-author-role">Participant</div></div><div class="bbp-reply-content"><p>{text}</p>'
                f'</div></div></li>')
    thread = ('<ul id="topic-1515-replies" class="forums bbp-replies"><li class="bbp-body"><ul>'
              + reply(7011, "2021-05-21 at 3:49 pm", "Bernie", "Obviously top billing goes to Banachek, then a few others.")
              + reply(8617, "2023-05-17 at 5:20 pm", "Bernie", "I just found out that he lived in South Africa for years.")
              + reply(8624, "2023-05-21 at 7:03 pm", "Kenny", "Hi Bernie, yes he is from there. Good observation.",
                      "topic-author")
              + "</ul></li></ul>")
    assert [(c.author, c.published[:16]) for c in parse(thread).comments] == [
        ("Bernie", "2021-05-21T15:49"), ("Bernie", "2023-05-17T17:20"), ("Kenny", "2023-05-21T19:03")]


@pytest.mark.parametrize(("text", "names"), [
    ("순천, 광양 구현모 기자 ninek@hankookilbo.com", ["구현모"]),  # the dateline's places before the name
    ("배윤경 기자 bykj@mk.co.kr 이상현 기자 lee@mk.co.kr", ["배윤경", "이상현"]),
    ("홍길동·김철수 기자", ["홍길동", "김철수"]),
    ("(서울=연합뉴스) 김철수 특파원 = 오늘", ["김철수"]),
    ("山田太郎記者", ["山田太郎"]),
])
@pytest.mark.parametrize("module", ["archiver.parsers.byline", "archiver.parsers.text"])
def test_a_name_before_its_title_in_a_korean_or_japanese_byline(text: str, names: list[str], module: str) -> None:
    """Korean and Japanese bylines put the title after the name ("NAME 기자", reporter):
    each name is the word before its title, whatever stands before it."""
    import importlib

    assert importlib.import_module(module).clean_byline(text) == names


def test_a_korean_bylines_reporter_among_the_datelines_places() -> None:
    """The writer's box after the text names the places of the dateline first, the
    reporter last: "순천, 광양 <strong>구현모</strong> 기자 e-mail"."""
    body = ('<div class="c1"><h1>DJ 고향서 국민 통합 외친 이재명</h1><div class="c3"><p>'
            + "이재명 후보는 오늘 순천을 찾았다. " * 12 + '</p></div><div class="writer"><span class="name"> 순천, 광양 '
            '<strong> 구현모 </strong> 기자<span class="email"> ninek@hankookilbo.com </span></span></div></div>')
    article = parse(body, lang="ko", head="<title>DJ 고향서 국민 통합 외친 이재명</title>").article
    assert article is not None and article.authors == ["구현모"]


def test_a_registered_writers_short_reply_in_a_box_named_for_them_keeps_its_text() -> None:
    """WordPress names a registered user's comment for them ("comment byuser
    comment-author-billy bypostauthor"); a theme that puts those names on the box inside
    the ``li`` made the whole box an author part, and the blog owner's short reply ("so
    good!!") came out with no text and was dropped (billyparisi.com)."""
    def record(number: int, classes: str, name: str, text: str, replies: str = "") -> str:
        return (f'<li class="comment-li" id="li-comment-{number}"><article id="comment-{number}" class="{classes}">'
                f'<div class="commeta"><ul><li class="comauth">{name}</li></ul>'
                '<div class="comdate"><time datetime="2024-01-28T15:55:36-06:00">January 28, 2024</time></div></div>'
                f'<div class="comcontent"><p>{text}</p></div><div class="comactions"><a class="comment-reply-link" '
                f'href="#comment-{number}">Reply</a></div></article>{replies}</li>')
    reply = record(376734, "comment byuser comment-author-billy bypostauthor odd alt depth-2", "", "so good!!")
    thread = ('<ol class="commentlist">'
              + record(376700, "comment even thread-even depth-1", "Brenda Elliott", "Fantastic pierogi.",
                       replies=f'<ul class="children">{reply}</ul>') + "</ol>")
    assert [(c.author, c.text, c.parent_id) for c in parse(thread).comments] == [
        ("Brenda Elliott", "Fantastic pierogi.", None), (None, "so good!!", "comment-376700")]


def test_a_modified_time_at_the_edge_of_the_calendar_breaks_nothing() -> None:
    """USA Today's pages declare "0001-01-01T00:00:00+00:00" as their modified time."""
    head = ('<meta property="article:published_time" content="2019-11-19T10:02:00+00:00">'
            '<meta property="article:modified_time" content="0001-01-01T00:00:00+00:00">')
    assert _dates(head, "November 20, 2019")[0] is not None


def test_a_box_named_for_a_widget_that_holds_the_headline_is_the_posts_header() -> None:
    """androidcentral.com: the post's header (its breadcrumb and headline) stands in a
    box named "widget widget-hero", inside the post's own ``article``. A box named for a
    widget or a sidebar that holds the headline is part of the post, like one that holds
    the post's element: its breadcrumb gives the section."""
    html = ("<!DOCTYPE html><html lang='en'><head><title>Rails across Europe | A blog</title></head><body>"
            "<article class='news-article'><div class='widget-area'><div class='widget widget-hero'><header>"
            "<nav class='breadcrumb'><ol><li><a href='/'>Home</a></li><li><a href='/phones'>Phones</a></li></ol></nav>"
            f"<h1>Rails across Europe</h1></header></div></div><div class='article-body'>{TEXT}</div></article>"
            "<aside class='sidebar'><div class='widget'><nav class='breadcrumb'><a href='/'>Home</a> &gt; "
            "<a href='/deals/'>Deals</a></nav></div></aside></body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.categories == ["Phones"]


@pytest.mark.parametrize("rel", ["author external", "nofollow author", "AUTHOR"])
def test_a_link_whose_link_types_include_author_is_the_byline(rel: str) -> None:
    """HTML's ``rel`` is a list of link types, as ``class`` is a list of classes:
    ``rel="author external"`` marks the author's link as ``rel="author"`` does
    (tidymom.net's "posted by TidyMom on April 29, 2021"; kalejunkie.com's, with names
    taken away). Only the exact value had counted."""
    meta = (f"<div class='q1'><em>posted by</em> <a href='https://blog.example.org/about-me/' rel='{rel}'>TidyMom</a>"
            " <em>on</em> April 29, 2021</div>")
    body = f"<div class='q0'><h1>Rails across Europe</h1>{meta}{TEXT}</div>"
    assert _page(body).article.authors == ["TidyMom"]


@pytest.mark.parametrize(("meta", "authors"), [
    # a name in bold opening a short line that ends in the date, a place between (ultimahora.es)
    ("<p class='q1'><strong>Patricio Candia</strong> | Palma de Mallorca | 08/01/2014</p>", ["Patricio Candia"]),
    # a link to the writer's profile, the time and date on the next line (thefrisky.com)
    ("<p class='q1'><span class='q2'><a href='/profile/info/8077/?UID=8077'>Ami Angelowicz</a><br>"
     "4:20PM, 10/28/2010</span></p>", ["Ami Angelowicz"]),
    # not a name: a section's label in bold, alone or linked by the site's menu
    ("<p class='q1'><b>Sports</b> — 08/01/2014</p>", []),
    ("<ul class='q3'><li><a href='/latest/'>Latest News</a></li></ul><p class='q1'><b>Latest News</b> — 08/01/2014</p>",
     []),
])
def test_a_name_right_before_the_posts_date_is_the_byline(meta: str, authors: list[str]) -> None:
    """Where nothing says "By" and nothing names the byline (both pages with their names
    taken away), the name that opens the post's date line is its writer."""
    body = f"<div class='q0'><h1>Rails across Europe</h1>{meta}{TEXT}</div>"
    assert _page(body).article.authors == authors


_PORTRAIT = ("<div class='q1'><div class='q2'><a href='https://plus.example.org/page/ophelie-ostermann'>"
             "<img src='/p.jpg' alt='Ophélie Ostermann'></a><a href='https://plus.example.org/page/ophelie-ostermann'>"
             "Ophélie Ostermann</a></div><span>19 février 2020</span></div>")
_TEASER = ("<div class='q5'><a href='/2012/10/night-trains-return/'><img src='/n.jpg' alt='Night Trains Return'></a>"
           "<a href='/2012/10/night-trains-return/'>Night Trains Return</a></div>")


@pytest.mark.parametrize(("meta", "authors"), [(_PORTRAIT, ["Ophélie Ostermann"]), (_TEASER, [])])
def test_a_name_beside_the_portrait_it_captions_is_the_byline(meta: str, authors: list[str]) -> None:
    """Under the headline, the writer's portrait, its alternative text the name, and the
    name right after it (madame.lefigaro.fr with its names taken away; the same markup
    gives the truth's writer on caktusgroup.com and lopinion.fr, found there by class
    names). A teaser's picture and title, which link a dated post, name no one."""
    body = f"<div class='q0'><h1>Rails across Europe</h1>{meta}{TEXT}</div>"
    assert _page(body).article.authors == authors


def _declared(items: list[tuple[str, str]]) -> str:
    listed = ", ".join(f'{{"@type": "ListItem", "position": {i + 1}, "name": "{name}", "item": "{url}"}}'
                       for i, (name, url) in enumerate(items))
    return f'<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "BreadcrumbList", ' \
           f'"itemListElement": [{listed}]}}</script>'


_TRAIL_ITEMS = [("Home", "https://blog.example.org/"), ("Recipes", "https://blog.example.org/recipe-index/"),
                ("Lunch", "https://blog.example.org/course/lunch/")]


@pytest.mark.parametrize(("shown", "categories"), [
    # the trail, its separators drawn by the style sheet, named in no word the parsers know
    ("<ol class='q7'><li><a href='/'>Home</a></li><li><a href='/recipe-index/'>Recipes</a></li>"
     "<li><a href='/course/lunch/'>Lunch</a></li></ol>", ["Recipes", "Lunch"]),
    # the same links in the site's menu among many others: no trail
    ("<ul class='q8'><li><a href='/'>Home</a></li>" + "".join(f"<li><a href='/{slug}/'>{slug.title()}</a></li>" for slug in
                                ("news", "recipe-index", "course/lunch", "travel", "about", "shop")) + "</ul>", []),
])
def test_the_shown_trail_that_the_json_ld_breadcrumb_list_goes_through(shown: str, categories: list[str]) -> None:
    """A trail the markup does not name is known by the schema.org BreadcrumbList that
    the page declares for search engines: the line of links that goes where its items
    go, in order, with at most two links besides. The declared list alone does not count
    (with their names taken away, 14 tuning pages, among them chewoutloud.com,
    recipeland.com, rt.com, vnexpress.net and winfuture.de, show their trail's sections
    as the truth has them)."""
    html = (f"<!DOCTYPE html><html lang='en'><head><title>Rails across Europe | A blog</title>{_declared(_TRAIL_ITEMS)}"
            f"</head><body><div class='q0'>{shown}<h1>Rails across Europe</h1>{TEXT}</div></body></html>")
    assert parse_page(Page(url=URL, body=html.encode("utf-8"))).article.categories == categories


def test_microdata_names_are_a_list_of_properties() -> None:
    """``itemprop`` holds a list of property names, as ``class`` holds classes: Blogger
    marks its post body ``itemprop="description articleBody"``, other templates write
    "author creator". Only the exact value had counted,
    so with its class names unknown the body was taken from a density walk that caught
    the teasers beside it (emacspeak.blogspot.com and sibenlab.blogspot.com with names
    taken away)."""
    words = "<p>" + "The post's own words about trains and their timetables. " * 8 + "</p>"
    teasers = "<div class='q9'>" + "".join(f"<p>Another post's teaser number {i}, long enough to be read as prose "
                                           "by a density walk.</p>" for i in range(12)) + "</div>"
    html = ("<!DOCTYPE html><html lang='en'><head><title>Rails across Europe | A blog</title></head><body>"
            "<div class='q0'><h1>Rails across Europe</h1>"
            "<div class='q3'><span class='q4' itemprop='author creator'>Dana Fields</span></div>"
            f"<div class='q1' itemprop='description articleBody'>{words}{words}</div>"
            f"<div class='q2'><p>Short footer line.</p></div></div>{teasers}</body></html>")
    article = parse_page(Page(url=URL, body=html.encode("utf-8"))).article
    assert "teaser" not in article.body and "own words about trains" in article.body
    assert article.authors == ["Dana Fields"]
