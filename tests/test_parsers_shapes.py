"""Threads that no name marks: found by the shape of their records
(:mod:`archiver.parsers.shapes`), and the lists of the same shape that are no thread.

The class names of these pages are made up on purpose: generated or utility names, or
words in no list the parsers hold. Each page is written after the markup of a real one
whose names the parsers know, with the names taken away.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from archiver.page import Page
from archiver.parsers import ParseResult, parse_page

URL = "https://food.example.org/2019/06/29/peanut-cookies/"
POST = ('<div class="q1"><h1>Peanut cookies</h1><div class="q2"><p>Body text of the post, long enough to '
        'be the body of the post and nothing else.</p><p>More of the body.</p></div></div>')


def parse(body: str, post: str = POST, lang: str = "en") -> ParseResult:
    html = f"<!DOCTYPE html><html lang='{lang}'><head><title>Peanut cookies</title></head><body>{post}{body}</body></html>"
    return parse_page(Page(url=URL, body=html.encode("utf-8")))


def _record(name: str, tooltip: str, age: str, text: str, form: bool = False, replies: str = "") -> str:
    reply_form = ('<form class="k9" action="/post-comment"><textarea class="k10"></textarea>'
                  '<input class="k11" placeholder="Name"><button class="k12">Send</button></form>') if form else ""
    return (f'<div class="zr1 zr2"><div class="zr3"><div class="zr4">{name}</div>'
            f'<div class="zr5" title="{tooltip}"><i class="zi"></i> {age}</div></div>'
            f'<div class="zr6"><p>{text}</p></div><div class="zr7"><span>Reply</span></div>{reply_form}{replies}</div>')


def test_a_run_of_records_that_nothing_names_is_the_thread() -> None:
    thread = ('<div class="zt1"><div class="zt2">'
              + _record("Sapana", "August 27, 2019 4:34 pm", "4 years ago",
                        "You had me at peanut butter cookie. This turned out perfectly.", form=True,
                        replies='<div class="zt3">' + _record("Angela", "August 28, 2019 9:02 am", "4 years ago",
                                                              "So glad you liked them, thanks for the note!") + "</div>")
              + _record("Marisa", "September 2, 2019 11:15 am", "4 years ago",
                        "How much peanut butter do you use for a double batch?")
              + "</div></div>")
    result = parse(thread)
    assert [(c.author, c.published[:16], c.text[:20], c.depth) for c in result.comments] == [
        ("Sapana", "2019-08-27T16:34", "You had me at peanut", 1),
        ("Angela", "2019-08-28T09:02", "So glad you liked th", 2),
        ("Marisa", "2019-09-02T11:15", "How much peanut butt", 1),
    ]
    assert result.comments[1].parent_id == result.comments[0].id


def _card(title: str, slug: str, day: str) -> str:
    return (f'<div class="zc1"><a class="zc2" href="/2019/{slug}/"><img src="/{slug}.jpg" alt=""></a>'
            f'<div class="zc3">Opening Bell</div><div class="zc4">{day}</div>'
            f'<p>{title}, and what else happened in the markets this morning.</p></div>')


def test_a_run_of_teaser_cards_is_no_thread() -> None:
    cards = '<div class="zk">' + "".join(_card(f"Story number {n}", f"story-{n}", f"March {n}, 2019")
                                         for n in range(1, 5)) + "</div>"
    assert parse(cards).comments == []


def test_posts_quoted_among_an_articles_paragraphs_are_no_thread() -> None:
    quote = ('<blockquote class="zq"><p>Senate resolves to observe a minute of silence today.</p>'
             '<p>— The Senate (@senate) <a href="https://social.example.com/senate/1">October 9, 2018</a></p></blockquote>')
    post = ('<div class="q1"><h1>Peanut cookies</h1><div class="q2">'
            '<p>The senate met on Tuesday and moved a motion on the deaths of two former members of the house, then rose for the day.</p>'
            '<p>The details of the session were shared by the senate itself in two posts on its own account, quoted here in full.</p>'
            f'<p>See the posts:</p>{quote}{quote.replace("today", "tomorrow")}</div></div>')
    assert parse("", post=post).comments == []


def test_pingbacks_and_texts_in_script_links_are_records_of_the_run() -> None:
    """Among the run's members: pingbacks ("Pingback: <a>SOURCE</a>", all link text) and a
    comment whose text is a script's link (a "reply to this" button around the words),
    neither of which reads as a list of links to other pages."""
    def comment(n: int, name: str, text: str) -> str:
        return (f'<li id="zq-{n}" class="zq zb"><div class="zf"><span class="zn">{name}</span> <span>says:</span> '
                f'<time datetime="2020-08-15T0{n}:35:53-07:00">August 15, 2020 at {n}:35 am</time></div>'
                f'<div class="zx"><a href="javascript:reply({n})">{text}</a></div></li>')
    pingback = ('<li id="zq-{n}" class="zq zb">Pingback: <a href="https://other.example.net/{n}/">Amazon liable '
                'for defective third-party products | {site}</a></li>')
    thread = ('<ol class="zl">' + comment(1, "Michael", "That is California. Remember the tires a decade ago.")
              + comment(2, "Roscoe", "It seems like there should be a simple fix to this.")
              + pingback.format(n=3, site="Other news") + comment(4, "Deserttrek", "Nail them to the wall, says the reader here.")
              + pingback.format(n=5, site="Robot news") + "</ol>")
    result = parse(thread)
    assert [(c.kind, c.author) for c in result.comments] == [
        ("comment", "Michael"), ("comment", "Roscoe"), ("pingback", "Amazon liable for defective third-party products | Other news"),
        ("comment", "Deserttrek"), ("pingback", "Amazon liable for defective third-party products | Robot news")]


def _name_date_record(tag: str, classes: str, name: str, stamp: str, shown: str, *paragraphs: str,
                      says: bool = False) -> str:
    """A record of a name-and-date line (a bold name, "says:" if asked, a ``time``) and a
    box of paragraphs, named in made-up words."""
    said = " <span>says:</span>" if says else ""
    words = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (f'<{tag} class="{classes}"><div class="zh"><b>{name}</b>{said} <time datetime="{stamp}">{shown}</time>'
            f'</div><div class="zb">{words}</div></{tag}>')


def _list(tag: str, record: Callable[[int, str, str], str], rows: list[tuple[int, str, str]]) -> str:
    """A list (``ul``/``ol``) of the records ``record`` builds from (number, name, text) rows."""
    return f'<{tag} class="kl">' + "".join(record(*row) for row in rows) + f"</{tag}>"


def test_header_lines_that_no_name_marks_are_no_part_of_the_text() -> None:
    """A permalink's "#", a badge, a rating's label and a reply's "Reply to NAME" line
    stand in blocks of their own before the words; nothing names them."""
    def record(n: int, name: str, header: str, text: str) -> str:
        return _name_date_record("div", "zr", name, f"2023-09-0{n}T17:00:00", f"September {n}, 2023 at 5:00 pm",
                                 header, text, says=True)
    thread = ('<div class="zt">' + record(1, "Christine", "#", "This recipe came together beautifully for me.")
              + record(2, "Nami", "Post Author", "Thank you so much for trying it, Christine!")
              + record(3, "Terry", "Recipe Rating :", "Lovely and quick, my kids asked for seconds.")
              + record(4, "Nami", "Reply to Terry", "Hi Terry, so glad the kids liked it.") + "</div>")
    assert [c.text for c in parse(thread).comments] == [
        "This recipe came together beautifully for me.", "Thank you so much for trying it, Christine!",
        "Lovely and quick, my kids asked for seconds.", "Hi Terry, so glad the kids liked it."]


def test_records_that_differ_in_a_modifier_class_are_one_run() -> None:
    """Alternating tokens ("kq-odd", "kq-even", "by-author"), in words no list holds."""
    def record(n: int, modifier: str, name: str, text: str) -> str:
        return _name_date_record("li", f"kq {modifier}", name, f"2012-11-2{n}T16:0{n}:00",
                                 f"November 2{n}, 2012 at 4:0{n} pm", text)
    thread = ('<ol class="kl">' + record(1, "kq-odd", "Carole", "Looks absolutely delicious, cannot wait to try it.")
              + record(2, "kq-even kq-author", "Cheri", "Thanks Carole, let me know how it turns out!")
              + record(3, "kq-odd", "Jamie", "Love it, the video made it look easy.") + "</ol>")
    assert [c.author for c in parse(thread).comments] == ["Carole", "Cheri", "Jamie"]


@pytest.mark.parametrize("top", ["", " kq-top"])
def test_replies_that_alternate_their_modifier_are_replies(top: str) -> None:
    """WordPress's odd and even marks, in words no list holds: a reply nested in the
    comment it answers carries the token every top-level record carries first ("kq"), not
    the first record's alternating one, nor one every top-level record carries besides
    (WordPress's "parent" when each has replies)."""
    def record(n: int, modifier: str, name: str, text: str, replies: str = "") -> str:
        return _name_date_record("li", f"kq {modifier}", name, f"2012-11-2{n}T16:0{n}:00",
                                 f"November 2{n}, 2012 at 4:0{n} pm", text).replace("</li>", f"{replies}</li>")
    reply = '<ul class="kc">' + record(2, "kq-alt kq-author", "Cheri", "Thanks Carole, let me know how it turns out!") + "</ul>"
    thread = ('<ol class="kl">' + record(1, "kq-even" + top, "Carole", "Looks absolutely delicious, cannot wait to try it.",
                                         replies=reply)
              + record(3, "kq-odd" + top, "Jamie", "Love it, the video made it look easy.")
              + record(4, "kq-even" + top, "Pat", "Made these twice this week already.") + "</ol>")
    comments = parse(thread).comments
    assert [(c.author, c.depth) for c in comments] == [("Carole", 1), ("Cheri", 2), ("Jamie", 1), ("Pat", 1)]
    assert comments[1].parent_id == comments[0].id


def test_numbered_ids_in_an_unknown_word_are_the_comments_ids() -> None:
    """Every record's id is one word and its own number ("yorum-77"): the number is the
    comment's id, and a reply's parent is named by it."""
    def record(n: int, name: str, text: str, replies: str = "") -> str:
        return _name_date_record("li", "kq", name, f"2012-11-2{n}T16:0{n}:00", f"November 2{n}, 2012 at 4:0{n} pm",
                                 text).replace("<li ", f'<li id="yorum-7{n}" ').replace("</li>", f"{replies}</li>")
    reply = '<ul class="kc">' + record(2, "Cheri", "Thanks Carole, let me know how it turns out!") + "</ul>"
    thread = ('<ol class="kl">' + record(1, "Carole", "Looks absolutely delicious, cannot wait to try it.", reply)
              + record(3, "Jamie", "Love it, the video made it look easy.") + "</ol>")
    comments = parse(thread).comments
    assert [(c.id, c.parent_id) for c in comments] == [
        ("comment-71", None), ("comment-72", "comment-71"), ("comment-73", None)]


def test_replies_listed_after_their_comment() -> None:
    """The replies to a comment in a list right after its list item ("<li>…</li><ol>…</ol>")."""
    def record(n: int, name: str, text: str) -> str:
        return _name_date_record("li", f"kq kq-{n}", name, f"2023-07-0{n}T10:00:00", f"July {n}, 2023", text)
    thread = ('<ol class="kl">' + record(1, "Robin", "I had a lot of peaches to use, so I gave it a try.")
              + '<ol class="kc">' + record(2, "Kaitlin", "So happy the cobbler worked out for you!") + "</ol>"
              + record(3, "laura", "Can this be baked and then put in the freezer?")
              + record(4, "Dan Miers", "This was a delicious hit, next time less butter.") + "</ol>")
    comments = parse(thread).comments
    assert [(c.author, c.text[:12], c.depth) for c in comments] == [
        ("Robin", "I had a lot ", 1), ("Kaitlin", "So happy the", 2),
        ("laura", "Can this be ", 1), ("Dan Miers", "This was a d", 1)]
    assert comments[1].parent_id == comments[0].id


def test_records_marked_every_other_one_are_one_run() -> None:
    """A theme marks every other comment ("alt", here a made-up word) and leaves the rest
    without a class: all the list's items are the thread."""
    def record(n: int, name: str, text: str) -> str:
        classes = "kz" if n % 2 else ""
        return _name_date_record("li", classes, name, f"2012-11-0{n}T21:4{n}:00", f"November {n}th, 2012 at 9:4{n} pm",
                                 text).replace(' class=""', "")
    names = ["Marrije", "Tom", "Ina", "Jo", "Kees"]
    thread = _list("ul", record, [(n, name, f"Congratulations on the news, {name} here, what a beautiful baby.")
                                  for n, name in enumerate(names, 1)])
    assert [c.author for c in parse(thread).comments] == names


def test_records_dated_without_a_year_are_a_thread() -> None:
    """"by NAME on Monday July 23, @08:25PM": a date line without its year (the post's
    year is meant) still dates each record."""
    def record(n: int, name: str, text: str) -> str:
        return (f'<li class="kq"><div class="kh"><h4 class="kt">Re: cookies</h4><span>by <a href="/~{name}">{name}</a>'
                f' on Monday July 23, @08:2{n}PM</span></div><div class="kb"><div>{text}</div></div></li>')
    thread = _list("ul", record, [(1, "Darkness404", "Easier headline: these cookies are pointless."),
                                  (2, "stanlyb", "Pointless? They were the best thing I baked all summer long."),
                                  (3, "BoRegardless", "Try them with less sugar and a pinch of salt next time.")])
    comments = parse(thread).comments
    assert [(c.author, c.text[:10]) for c in comments] == [
        ("Darkness404", "Easier hea"), ("stanlyb", "Pointless?"), ("BoRegardless", "Try them w")]


def test_a_comments_number_before_the_name_line() -> None:
    """"1" (a permalink numbering the comment) before the name line."""
    def record(n: int, name: str, text: str) -> str:
        return (f'<li class="kq"><a href="#c-{n}">{n}</a> <span class="kn">{name} </span><div class="kd">'
                f'<a href="#c-{n}">Dec {n}th, 2009 at 6:0{n} am</a></div><div class="kb"><p>{text}</p></div></li>')
    thread = _list("ol", record, [(1, "Fortunato Saraiva", "How do I add Portuguese to my phone's languages?"),
                                  (2, "Robert Nyman", "Hard to say, it depends on the firmware of the phone."),
                                  (3, "Quinn", "Okay, that is how it goes. Congratulations on the release!")])
    assert [c.author for c in parse(thread).comments] == ["Fortunato Saraiva", "Robert Nyman", "Quinn"]


def test_a_posts_meta_line_shown_twice_is_no_thread() -> None:
    """The post's "date | BY: NAME" line, once for wide screens and once for narrow ones:
    two record-like siblings with a name and a date, and no words of their own."""
    meta = ('<div class="km {variant}"><span><time datetime="2018-11-12T17:36:26-08:00">November 12, 2018</time>'
            '</span> <span>| BY: <a href="/blog/author/team/">Team Writer</a></span></div>')
    post = ('<div class="q1"><h1>Peanut cookies</h1>' + meta.format(variant="kw") + meta.format(variant="kn")
            + '<div class="q2"><p>Body text of the post, long enough to be the body of the post.</p></div></div>')
    assert parse("", post=post).comments == []


@pytest.mark.parametrize("cite", ['<cite id="za-{n}">', '<cite class="zq-zr">'])
def test_a_thread_without_dates_signed_by_cited_names(cite: str) -> None:
    """Comments that show no date (an embedded comment system's copy): each signed by a
    name in a ``cite`` (bare, or with classes that say nothing), then its words."""
    def record(n: int, name: str, text: str) -> str:
        return (f'<li id="zc-{n}"><div class="zh">{cite.format(n=n)}<span id="zn-{n}">{name}</span></cite></div>'
                f'<div class="zb"><div class="zt"><p>{text}</p></div></div></li>')
    thread = ('<ol class="zl">' + record(1, "Jonathan Yarmis", "I actually care who you vote for, another talk.")
              + record(2, "Anonymous", "Data is plural, one example of many of how it goes.")
              + record(3, "Sam", "Thanks for writing this, it was a good read.") + "</ol>")
    assert [(c.author, c.published) for c in parse(thread).comments] == [
        ("Jonathan Yarmis", None), ("Anonymous", None), ("Sam", None)]


def test_a_list_of_name_lines_and_texts_is_a_thread() -> None:
    """A ``dl`` whose ``dt`` shows the name and date and whose ``dd`` the words (an old
    theme's comment list), with no name saying so."""
    def record(n: int, name: str, text: str) -> str:
        return (f'<dt class="zq zs-{n}" id="zq-{n}"><span class="za"><img alt="" src="/a.png"></span>'
                f'<span class="zn">{name}</span> <span class="zd">July 3{n - 1}, 2012 at 4:3{n} pm</span></dt>'
                f'<dd class="zt"><p>{text}</p></dd>')
    thread = ('<dl class="zl">' + record(1, "Ofelia", "Thank you for this, it came at the right time.")
              + record(2, "Teresa S", "Beautiful words, I will share them with my sister.") + "</dl>")
    assert [(c.author, c.published[:10], c.text) for c in parse(thread).comments] == [
        ("Ofelia", "2012-07-30", "Thank you for this, it came at the right time."),
        ("Teresa S", "2012-07-31", "Beautiful words, I will share them with my sister.")]


def test_a_short_comment_under_a_name_block_and_a_date_block() -> None:
    """Name, date and words each in a block of its own: the date's block stands in the
    record, not in a line of it, so a record short enough to read as one line is still
    a name, a date and a text."""
    def record(n: int, name: str, text: str) -> str:
        return (f'<div class="zg zs-{n % 2}" id="zw000{n}.0000">\n<div class="zj"><h4>{name}</h4></div>\n'
                f'<div class="zr">7/{n}/2015, 4:01:30 PM</div>\n<div class="zc"><p>{text}</p></div>\n</div>\n')
    rows = [("Sonny Lanorias", "Great post! Thanks for sharing. Also just pinned the infographic here, it is a great "
                               "summary of the steps, and I will send it to my readers as well."),
            ("Scott Ayres", "Thanks man!"),
            ("Michael", "Thanks for this great guide. I will implement these steps."),
            ("Don Sturgill", "Thanks, Roy. Good catch. Made the switch.")]
    thread = '<div class="zl" id="zk">\n' + "".join(record(n, *row) for n, row in enumerate(rows, 1)) + "</div>"
    assert [(c.author, c.published[:10], c.text) for c in parse(thread).comments] == [
        (name, f"2015-07-0{n}", text) for n, (name, text) in enumerate(rows, 1)]


def test_a_head_row_of_a_record_whose_replies_are_nested_in_it() -> None:
    """A record's name and date in a head row above its words, and its replies nested
    in it after them: the replies' names and dates are theirs, so the head row is the
    record's own, not a reply of it."""
    def record(name: str, day: int, text: str, replies: str = "", kind: str = "zc") -> str:
        return (f'<div class="{kind} zi zl">\n<div class="zh zg"><div class="zn">{name}</div>'
                f'<small class="zt">August 0{day}, 2019</small><small class="zt">4:1{day} pm</small></div>\n'
                f'<div class="zb"><p>{text}</p>\n<ul class="za"><li><a href="#" data-id="31522{day}">Report</a></li></ul>\n'
                f'{replies}</div>\n</div>\n')
    reply = record("Michael Pettis", 7, "Until an actual bill is passed there is no way to know how it works, and the "
                   "details will matter more than the principle, as they always do with a tax.", kind="zr")
    thread = ('<div class="zw"><h4>Comments<span>(3)</span></h4>\n'
              + record("Claire", 6, "How does this work in practice? Does a large trading partner pay a lower tax "
                       "than a country that is simply accumulating dollars? And can it be gamed?", reply)
              + record("Dan Lieberman", 8, "I question two points in the analysis, both about the exchange rate and "
                       "about how quickly the trading partners would answer with measures of their own.")
              + "</div>")
    comments = parse(thread).comments
    assert [(c.author, c.published[:10], c.text[:20]) for c in comments] == [
        ("Claire", "2019-08-06", "How does this work i"), ("Michael Pettis", "2019-08-07", "Until an actual bill"),
        ("Dan Lieberman", "2019-08-08", "I question two point")]
    assert comments[1].parent_id == comments[0].id and comments[2].parent_id is None


def test_an_unnamed_box_of_records_after_a_record_holds_its_replies() -> None:
    """Drupal's ``div.indented`` after the comment it answers, with no word of its name
    known: a box right after a record that shows nothing but records of the run's shape
    holds that record's replies."""
    def record(name: str, minute: int, text: str) -> str:
        return (f'<div class="zg zg-zn">\n<p class="zv"><a href="/users/{name}">{name}</a> <span>says:</span></p>\n'
                f'<div class="zc"><p>{text}</p></div>\n<p class="zt">Nov 06 2012 | 1:{minute} pm</p>\n</div>\n')
    thread = ('<div class="zk">\n<h3>There are 5 comments.</h3>\n'
              + record("mtmjr90", 23, "Do we know for sure this is Android related as opposed to the other phone?")
              + '<div class="zq">\n' + record("thejuiceman236", 30, "Well I guess they could talk about both of them.")
              + record("steve0617", 33, "Or my Thunderbolt, which I still carry every day.") + '</div>\n'
              + record("romma", 24, "It is a special announcement that a new version is coming, I would bet on it.")
              + record("experiment626", 45, "I am sure both phones will be announced on the day.") + "</div>")
    comments = parse(thread).comments
    assert [c.author for c in comments] == ["mtmjr90", "thejuiceman236", "steve0617", "romma", "experiment626"]
    assert [c.parent_id for c in comments] == [None, comments[0].id, comments[0].id, None, None]


@pytest.mark.parametrize(("buttons", "lang"), [("{n} | Reply", "en"), ("{n} | 回复", "zh"), ("回复 129{n}", "zh")])
def test_a_row_of_buttons_and_their_counts_is_no_part_of_the_text(buttons: str, lang: str) -> None:
    """The likes a comment got and its reply button on a line of their own ("0 | 回复"):
    buttons and counts, not the commenter's words."""
    def record(n: int, name: str, text: str) -> str:
        return (f'<div class="zg">\n<div class="zh"><span>{name}</span> <span>2019-06-2{n} 10:1{n}</span></div>\n'
                f'<div class="zc"><p>{text}</p></div>\n<div class="zb">{buttons.format(n=n)}</div>\n</div>\n')
    rows = [("高贵路人", "是共享又不是做慈善，人家也没有义务为你一直低价提供服务吧。"), ("灯盏_", "资本嘴脸迟早暴露的，慢慢涨大家应该更好接受。"),
            ("ZhR", "不涨价厂家喝西北风？也不是天价，人性就是这样。")]
    thread = '<div class="zk">\n' + "".join(record(n, *row) for n, row in enumerate(rows, 1)) + "</div>"
    assert [(c.author, c.text) for c in parse(thread, lang=lang).comments] == rows


def test_a_writers_address_shown_before_the_name_is_no_part_of_it() -> None:
    """"http://twitter.com/jyarmis <span>Jonathan L. Yarmis</span>" in the ``cite`` of an
    embedded comment system's copy: the name is the span's."""
    def record(n: int, address: str, name: str, text: str) -> str:
        return (f'<li id="zc-{n}"><div class="zh"><cite id="za-{n}">{address} <span id="zn-{n}">{name}</span></cite>'
                f'</div><div class="zb"><p>{text}</p></div></li>')
    thread = ('<ol class="zl">' + record(1, "http://twitter.com/jyarmis", "Jonathan L. Yarmis",
                                         "I actually care who you vote for, another talk.")
              + record(2, "http://www.example.net/", "Web Gateway", "So true, people cannot get enough of it.")
              + record(3, "", "Sam", "Thanks for writing this, it was a good read.") + "</ol>")
    assert [c.author for c in parse(thread).comments] == ["Jonathan L. Yarmis", "Web Gateway", "Sam"]


def test_a_headed_list_whose_items_alternate_all_their_marks_is_one_thread() -> None:
    """WordPress's "comment even thread-even depth-1" and "comment odd alt thread-odd
    thread-alt depth-1", in made-up words, under a "Comments" heading: every other record
    differs in several tokens, and all of them are the thread."""
    def record(n: int, name: str, text: str) -> str:
        classes = "kq ko ka kto kta kd1" if n % 2 == 0 else "kq ke kte kd1"
        return _name_date_record("li", classes, name, f"2018-09-0{n}T10:1{n}:00", f"September {n}, 2018 at 10:1{n} am",
                                 text)
    names = ["Milan", "Catherine", "Alex", "Gary", "Mohammad", "Olivia"]
    thread = "<h3>6 Comments</h3>" + _list("ol", record, [(n, name, f"{name} asks when the next update is due, thanks.")
                                                         for n, name in enumerate(names, 1)])
    assert [c.author for c in parse(thread).comments] == names


@pytest.mark.parametrize(("top", "kid"), [("zr zr-new", "zr-kid zr-new"), ("", "zr-kid")])
def test_replies_named_their_own_way_and_headed_like_their_comment(top: str, kid: str) -> None:
    """A reply nested in its comment with a class of its own ("zr-kid" beside the
    comments' "zr") that shares a modifier with the comments ("zr-new"), or the only class
    where the comments have none, and opens with the same header line: a reply, not a
    part of its comment."""
    def record(classes: str, name: str, day: int, text: str, replies: str = "") -> str:
        return (f'<div class="{classes}"><div class="zh"><div class="zht"><p class="zn">{name}</p>'
                f'<p class="zd">Thursday {day}rd of August 2023</p></div></div>'
                f'<div class="zc"><p>{text}</p></div>{replies}</div>')
    def reply(text: str, day: int) -> str:
        return record(kid, "Eileen Gray", day, text)
    thread = ('<div class="zl">'
              + record(top, "Helen", 3, "Came out just like it was supposed to, light and beautiful!",
                       reply("Thanks, Helen, so glad it worked!", 4))
              + record(top, "Jen", 5, "Can I use whole wheat flour for part of the flour here?",
                       reply("Yes, up to a quarter of it works well.", 6))
              + record(top, "Tatia", 7, "Made it twice already, my family loves this cake.")
              + "</div>")
    comments = parse(thread).comments
    assert [(c.author, c.depth) for c in comments] == [
        ("Helen", 1), ("Eileen Gray", 2), ("Jen", 1), ("Eileen Gray", 2), ("Tatia", 1)]
    assert comments[1].parent_id == comments[0].id and comments[3].parent_id == comments[2].id
    assert comments[1].text == "Thanks, Helen, so glad it worked!"


def test_a_forum_dated_on_the_first_with_links_to_answer() -> None:
    """A forum's records dated "Le 1er juillet 2019 à 19:47" (French writes the first of
    a month "1er"), each with a "Répondre à ce message" link: an action, not the title of
    another post."""
    def record(n: int, name: str, text: str) -> str:
        day = "1er" if n == 1 else str(n)
        return (f'<li class="kf"><div class="kb"><p class="kh"><b>{name}</b> '
                f'<span>Le {day} juillet 2019 à 19:4{n}</span></p><div class="kt"><p>{text}</p></div></div>'
                f'<div class="ka"><a href="/spip.php?page=forum&amp;id_forum={n}">Répondre à ce message</a></div></li>')
    forum = _list("ul", record, [(1, "V Jule", "Barbier, quelle pitié, et quelle tristesse pour nous tous !"),
                                 (2, "voltaire", "Cher Didier, évite de positionner ton humour sur ce terrain-là."),
                                 (3, "Horus", "Merci pour cette chronique, toujours aussi juste et drôle.")])
    comments = parse(forum, lang="fr").comments
    assert [(c.author, c.published[:16], c.text[:15]) for c in comments] == [
        ("V Jule", "2019-07-01T19:41", "Barbier, quelle"), ("voltaire", "2019-07-02T19:42", "Cher Didier, év"),
        ("Horus", "2019-07-03T19:43", "Merci pour cett")]


def test_an_age_of_two_units_stands_in_the_dates_place() -> None:
    """"il y a 2 ans et 4 mois" beside the name, as "il y a 7 ans" would: each record
    shows its age in a date's place."""
    def record(n: int, name: str, text: str) -> str:
        age = "il y a 7 ans" if n == 2 else f"il y a {n} ans et {n + 2} mois"
        return (f'<li class="kq"><div class="kw"><div class="ka"><img src="/a{n}.png" alt=""></div>'
                f'<div class="kh"><p><span class="kn">{name}</span> a noté 5/5 cette recette, <span>{age}</span></p></div>'
                f'<div class="kt"><p>{text}</p></div></div></li>')
    thread = _list("ul", record, [(1, "Mokaroyal", "Très bon, je fais revenir à la poêle avec un peu d’huile."),
                                  (2, "aurelie_isabel", "Excellentissime, consistance parfaite, merci beaucoup."),
                                  (3, "courantdair", "Recette facile et rapide, toute la famille a adoré.")])
    assert [c.author for c in parse(thread, lang="fr").comments] == ["Mokaroyal", "aurelie_isabel", "courantdair"]


def test_a_thread_before_an_h1_that_is_no_headline() -> None:
    """The page's only ``h1`` is the comment form's "Send a comment", below the thread;
    the post's title stands in an ``h2``. An ``h1`` that shows no declared title is not
    the headline the thread must follow."""
    post = ('<div class="q1"><h2>Peanut cookies</h2><div class="q2"><p>Body text of the post, long enough to '
            'be the body of the post and nothing else.</p><p>More of the body.</p></div></div>')
    def record(n: int, name: str, text: str) -> str:
        return _name_date_record("div", "kq", name, f"2010-08-1{n}T10:0{n}:00", f"August 1{n}, 2010 10:0{n} am", text)
    thread = ('<div class="kl">' + record(1, "Antinous", "Criticism is not censorship, whatever she says on air.")
              + record(2, "Cpt Kirk", "The first amendment protects speech from the government, not from critics.")
              + record(3, "Ms Poo", "She quit the show; nobody made her quit it, that was her own choice.") + "</div>"
              + '<div class="kf"><h1>Send a comment</h1><form action="/comment"><textarea></textarea></form></div>')
    assert [c.author for c in parse(thread, post).comments] == ["Antinous", "Cpt Kirk", "Ms Poo"]


def test_an_age_on_a_line_of_its_own_beside_an_icon() -> None:
    """The name on a line of its own, the text, then the age on a line of its own after
    a clock icon ("12 Stunden 33 Minuten her", German for "12 hours 33 minutes ago"):
    the age stands in the date's place."""
    def record(n: int, name: str, text: str) -> str:
        return (f'<div class="kq"><div class="kh"><div class="kn">{name}</div></div>'
                f'<div class="kt"><p>{text}</p></div>'
                f'<div class="kf"><div class="kd"><i class="ki"></i> {n + 11} Stunden {n + 30} Minuten her</div></div></div>')
    thread = ('<div class="kl">' + record(1, "Nibelung", "Gewisse Ähnlichkeiten zwischen beiden sind nicht zu übersehen.")
              + record(2, "Bummi", "Ich sehe den Abzug grundsätzlich positiv, aber zu spät.")
              + record(3, "Mayor Quimby", "Und er hatte gelernt, was er verachtet, zu benutzen.") + "</div>")
    assert [c.author for c in parse(thread, lang="de").comments] == ["Nibelung", "Bummi", "Mayor Quimby"]


@pytest.mark.parametrize(("label", "lang"), [("Reply to", "en"), ("Antworte auf", "de")])
def test_the_name_the_reply_link_answers_is_the_commenters(label: str, lang: str) -> None:
    """WordPress labels each comment's reply link "Reply to NAME" (in the site's
    language) whatever the theme calls things: the element that shows that name is the
    commenter's, whole, though it holds a separator ("Annamaria @ Bakewell Junction",
    "sue|theviewfromgreatisland") or a month and year ("Marta August 2016")."""
    def record(n: int, name: str, text: str) -> str:
        return (f'<li class="comment" id="comment-{n}"><div class="comment-author">{name}</div>'
                f'<div class="comment-time"><time datetime="2015-12-2{n}T17:11:07-05:00">December 2{n}, 2015 at 5:11 pm'
                f'</time></div><div class="comment-content"><p>{text}</p></div><div class="reply"><a rel="nofollow" '
                f'href="#comment-{n}" aria-label="{label} {name}">Reply</a></div></li>')
    names = ["Annamaria @ Bakewell Junction", "sue|theviewfromgreatisland", "Marta August 2016"]
    thread = '<ol class="commentlist">' + "".join(
        record(n, name, f"This recipe looks delicious, pinned it already, number {n}.")
        for n, name in enumerate(names, 1)) + "</ol>"
    assert [c.author for c in parse(thread, lang=lang).comments] == names


def test_numbered_ids_that_also_name_the_comment_answered() -> None:
    """wpDiscuz's "wpd-comm-497016_496998", in a made-up word: the record's number, then
    the number of the comment it answers ("_0" for none). The first number is the
    comment's id, and a reply's parent is named by it."""
    def record(n: int, parent: int, name: str, text: str, replies: str = "") -> str:
        return _name_date_record("div", "kq", name, f"2023-09-0{n}T17:00:00", f"September {n}, 2023 5:00 pm",
                                 text).replace("<div ", f'<div id="yx-kq-49699{n}_{parent}" ', 1).replace(
            "</div></div>", f"</div>{replies}</div>", 1)
    reply = record(2, 496991, "Naomi", "Hi Christine! Thank you, so happy you enjoyed it.")
    thread = ('<div class="kl">' + record(1, 0, "Christine", "This recipe came together beautifully for me!", reply)
              + record(3, 0, "Janice", "My grandmother made this using miso. It was so good!") + "</div>")
    comments = parse(thread).comments
    assert [(c.author, c.id, c.parent_id) for c in comments] == [
        ("Christine", "comment-496991", None), ("Naomi", "comment-496992", "comment-496991"),
        ("Janice", "comment-496993", None)]


def test_a_number_on_a_line_of_its_own_is_no_part_of_the_text() -> None:
    """The comment's number in the thread ("1") on a line of its own before the text, and
    a vote count ("18") after it, are no words of the comment; a number among its words
    ("won <b>3</b> games") is."""
    def record(n: int, name: str, text: str) -> str:
        return (f'<li class="kq" id="kq-{n}"><cite>{name}</cite> <a class="kd" href="#kq-{n}">May 2{n}, 2016</a>'
                f'<div class="kn">{n}</div><p>{text}</p><div class="kv"><span class="ku">1{n}</span></div></li>')
    thread = _list("ol", record, [(1, "Mike", "Man, I will join you at that party and talk all night."),
                                  (2, "LeAnne", "They won <b>3</b> games in the whole month, believe it."),
                                  (3, "KayN", "This looks great, one thought for you about the mint.")])
    assert [c.text for c in parse(thread).comments] == [
        "Man, I will join you at that party and talk all night.",
        "They won 3 games in the whole month, believe it.",
        "This looks great, one thought for you about the mint."]


def test_a_headed_list_marked_every_other_one_is_one_thread() -> None:
    """Under a "Comments" heading, a list whose every other item is marked ("alt", here a
    made-up word) and the rest bare, a line break between them: all items are the
    thread, as where no heading names it."""
    def record(n: int, name: str, text: str) -> str:
        classes = ' class="kz"' if n % 2 else ""
        return (f'<li{classes} id="zq-{n}"><cite><a href="http://example.net/{n}">{name}</a></cite> Says:<br>'
                f'<small><a href="#zq-{n}">August 2{n}, 2010 at 10:0{n} pm</a></small><p>{text}</p></li><br>')
    names = ["Jean-Jacques Dubray", "udidahan", "Alex Simkin", "Nuno Lopes", "David Nelson"]
    thread = "<h4>5 Comments</h4>" + _list("ol", record, [(n, name, f"{name} thinks the race is in the business.")
                                                        for n, name in enumerate(names, 1)])
    assert [c.author for c in parse(thread).comments] == names


@pytest.mark.parametrize("heading", ["One thought on “Peanut cookies”", "2 Kommentare zu „Peanut cookies“",
                                     "One Comment"])
def test_a_heading_that_counts_the_thread_in_words_or_names_the_post(heading: str) -> None:
    """WordPress's themes head a thread "One thought on “TITLE”", "N Kommentare zu
    „TITLE“", "One Comment": under such a heading, a thread of one record (which no run
    of records shows) or of two is found."""
    def record(n: int, name: str, text: str) -> str:
        return _name_date_record("li", "kq", name, f"2017-04-2{n}T10:0{n}:00", f"April 2{n}, 2017 at 10:0{n} am", text)
    rows = [(1, "Renate", "Toller Text, spannendes Thema, ich habe viel gelernt.")]
    if heading.startswith("2"):
        rows.append((2, "Jo", "Danke dir, das freut mich sehr zu lesen!"))
    thread = f"<h2>{heading}</h2>" + _list("ol", record, rows)
    assert [c.author for c in parse(thread).comments] == [name for _, name, _ in rows]


@pytest.mark.parametrize("heading", ["Commenti degli utenti (1)", "Reader Comments", "Kommentare der Leser"])
def test_a_heading_that_says_whose_comments_they_are(heading: str) -> None:
    """A heading that names the thread with its writers ("Commenti degli utenti",
    "Reader Comments") heads the records that nothing names, as "Comments" does: a
    thread of one record, which no run shows, is found under it."""
    def record(n: int, name: str, text: str) -> str:
        return _name_date_record("li", "kq", name, f"2021-03-2{n}T10:0{n}:00", f"March 2{n}, 2021 at 10:0{n} am", text)
    rows = [(1, "Annabella Bove", "Buongiorno! Volevo sapere come si fa la pasta sfoglia che si usa qui.")]
    thread = f"<h2>{heading}</h2>" + _list("ol", record, rows)
    assert [c.author for c in parse(thread).comments] == [name for _, name, _ in rows]


@pytest.mark.parametrize("label", ["Reply to Tanya", "Antworte auf Tanya"])
def test_a_lone_comment_found_from_its_reply_link(label: str) -> None:
    """One comment under the post, in markup that names nothing and under no heading
    that names the thread: no run of records shows it, but its reply link says whose it
    is ("Reply to Tanya"), and the element around the link that shows that name is the
    record."""
    thread = ('<div class="k0"><div class="k1" id="k1-71"><div class="k2"><div class="k3"><b class="k4">Tanya</b>'
              '</div><div class="k5"><a href="#k1-71"><time datetime="2022-03-16T09:41:00+00:00">16. März 2022 um '
              '10:41 Uhr</time></a></div></div><div class="k6"><p>Danke für diesen Text, er hat mich sehr berührt.</p>'
              f'</div><div class="k7"><a rel="nofollow" href="#k1-71" aria-label="{label}">Antworten</a></div></div>'
              '</div><div class="k8"><h3>Schreibe einen Kommentar</h3><form action="/wp-comments-post.php">'
              '<textarea name="comment"></textarea></form></div>')
    comments = parse(thread, lang="de").comments
    assert [(c.author, c.published, c.text) for c in comments] == [
        ("Tanya", "2022-03-16T10:41:00+01:00", "Danke für diesen Text, er hat mich sehr berührt.")]



def test_a_lone_comment_whose_reply_link_stands_on_its_name_line() -> None:
    """One comment, its reply link ("Répondre à NAME") on the line of its name and date
    in a ``header``: the record is the element around that line and the text, not the
    line."""
    thread = ('<ol class="kl"><li class="kq"><article class="ka" id="kb-1"><header class="kh"><h5 class="kn">'
              '<span>Daniel Ferrand</span></h5><div class="km"><time datetime="2017-12-01T02:14:53+00:00">'
              '<a href="#kb-1">1er décembre 2017</a></time> | <a rel="nofollow" href="#kb-1" '
              'aria-label="Répondre à Daniel Ferrand">Répondre</a></div></header><div class="kt"><p>Ce qui serait '
              'cool, c’est que des plateformes existent pour cela.</p></div></article></li></ol>')
    comments = parse(thread, lang="fr").comments
    assert [(c.author, c.text[:20]) for c in comments] == [("Daniel Ferrand", "Ce qui serait cool, ")]



def test_a_lone_comment_whose_reply_link_stands_in_a_head_row_of_divs() -> None:
    """The name, the date and the reply link ("Antworte auf NAME") in a row of their own
    above the text, both in ``div`` elements: the row reads as a record, but it is the
    head of the one around it, which holds the text."""
    thread = ('<ol class="kl">\n<li class="kq kr" id="kb-219">\n<div class="ka kc">\n<div class="kd"><img alt="" '
              'src="/avatar.png" class="ke" height="60" width="60"></div>\n<div class="kf">\n<div class="kg">\n'
              '<span class="kn">Philipp Ther</span>\n<span class="km">11. Februar 2020</span>\n'
              '<span class="km"> at 9:41</span>\n<span class="kp"><a rel="nofollow" class="kp-link" href="#kb-219" '
              'aria-label="Antworte auf Philipp Ther">Antworten</a></span>\n</div>\n'
              '<div class="kt"><p>Danke für die schöne Zusammenfassung! Ich freue mich auf die Lektüre.<br>\n'
              'Ähnlich viel beschwiegen werden heute gescheiterte Anträge, obwohl es helfen würde, darüber zu reden.'
              '</p></div>\n'
              '</div>\n</div>\n</li>\n</ol>\n')
    comments = parse(thread, lang="de").comments
    assert [(c.author, c.text[:20]) for c in comments] == [("Philipp Ther", "Danke für die schöne")]


@pytest.mark.parametrize(("markup", "hollow"), [
    ('<li><span>— Patti on August 31, 2023</span> <a href="#c-1">Reply</a></li>', True),
    ('<li><span>— Bo on May 2, 2020</span><p>Reply</p><a href="#c-2">Reply</a></li>', False),
    ('<li><span>xazhangyao</span><p>赞！</p></li>', False),
])
def test_a_text_of_the_records_buttons_alone_is_no_text(markup: str, hollow: bool) -> None:
    """What is left of a record whose own words were not found is its buttons' words
    ("Reply"): no comment's text, so the record is dropped (and counted), not written as
    a comment that says "Reply". A paragraph that says "Reply", or a comment that is one
    word a button might show ("赞！"), is text."""
    import lxml.html

    from archiver.parsers.record import only_actions, own_elements

    record = lxml.html.fragment_fromstring(markup)
    text = "Reply" if "Reply" in markup else "赞！"
    assert only_actions(text, own_elements([record])) is hollow



@pytest.mark.parametrize(("text", "beside"), [("❤️", True), ("", False), ("on 16/08/2020 at 12:56", False)])
def test_a_short_comment_beside_its_name_line(text: str, beside: bool) -> None:
    """Around a reply link, the element that holds the name-and-date line and, beside it,
    words that are no date is a record however short its words ("❤️"); the name line
    alone, or with only a date beside it, is none."""
    import lxml.html

    from archiver.parsers.thread import _words_beside

    record = lxml.html.fragment_fromstring(
        '<div class="kw"><header class="kh"><span class="kn">Swantje Bernsmann</span> <time>on 16/08/2020</time>'
        '<div class="kr"><a href="#kb-2" aria-label="Antworte auf Swantje Bernsmann">Antworten</a></div></header>'
        f'<section class="kt"><p>{text}</p></section></div>')
    name, link = record.find(".//span"), record.find(".//a")
    assert _words_beside(record, name, link) is beside


def _profile_record(user: int, name: str, day: str, text: str) -> str:
    profile = f"https://food.example.org/community-overview/?u={user}"
    return (f'<div class="w1"><div class="w2"><p class="w3"><a href="{profile}"><img src="/av/{user}.png" alt=""></a>'
            f'<a href="{profile}">{name}</a></p><small>{day}</small></div>'
            f'<div class="w4"><p>{text}</p></div></div>')


def test_records_whose_pictures_all_link_one_profile_page_are_no_teasers() -> None:
    """The avatars of a thread link the same page with another query each (a profile);
    the pictures of a teaser list link a post each."""
    thread = ('<div class="w0">'
              + _profile_record(18934, "Caesi", "17.10.2019, 14:25", "Won it at Penny yesterday, they taste great.")
              + _profile_record(53522, "Rapunzeloid", "17.10.2019, 15:02", "Does anyone know if the offer ends on Sunday?")
              + _profile_record(80123, "HansEhrlich", "18.10.2019, 09:40", "Thanks for the tip, I signed up at once.")
              + "</div>")
    result = parse(thread)
    assert [(c.author, c.published[:16], c.text[:14]) for c in result.comments] == [
        ("Caesi", "2019-10-17T14:25", "Won it at Penn"),
        ("Rapunzeloid", "2019-10-17T15:02", "Does anyone kn"),
        ("HansEhrlich", "2019-10-18T09:40", "Thanks for the"),
    ]


def _numbered_age_record(number: str, name: str, age: str, text: str) -> str:
    return (f'<article class="v1"><div class="v2"><div class="v3"><h4 class="v4"><a href="https://people.example.org/{name}">'
            f'{name}</a></h4><a class="v5" href="{URL}#c{number}">#{number} — {age}</a></div>'
            f'<div class="v6"><p>{text}</p></div><div class="v7"><form action="/vote"><button>Reply</button>'
            f'<button>Report</button></form></div></div></article>')


def test_a_name_heading_beside_a_numbered_age_signs_the_record() -> None:
    """"#1 — 8 hours ago" beside "<h4>NAME</h4>": the comment's number and its age stand
    in the date's place, and the heading on its own line is the commenter."""
    thread = ('<section class="v0"><h3>Comments</h3><div class="v8">'
              + _numbered_age_record("1", "ThomasMelber", "8 hours ago", "Barcelona by train is a fine idea for the summer.")
              + _numbered_age_record("1.1", "Curitiba", "7 hours ago", "It takes a whole day from Frankfurt, though.")
              + _numbered_age_record("2", "TotoBien", "6 hours ago", "Night trains would make this far easier to sell.")
              + "</div></section>")
    result = parse(thread)
    assert [(c.author, c.text[:12]) for c in result.comments] == [
        ("ThomasMelber", "Barcelona by"), ("Curitiba", "It takes a w"), ("TotoBien", "Night trains"),
    ]


def _short_record(number: int, name: str, shown: str, text: str) -> str:
    return (f'<li class="u1 u2-{number % 2}"><div class="u3"><a href="https://{name.lower()}.example.com/" class="u4">'
            f'{name}</a> says:<div class="u5"><a href="{URL}#u-{number}">{shown}</a></div><p>{text}</p>'
            f'<div class="u6"><a href="{URL}?replytocom={number}#respond">Reply</a></div></div></li>')


def test_short_comments_whose_links_are_their_name_date_and_reply_are_a_thread() -> None:
    """"Thanks, pretty useful." beside a linked name, a linked date and a Reply link: most
    of the record's words are links, but those links are its own furniture, not a teaser's
    titles."""
    thread = ('<ol class="u0">'
              + _short_record(1, "Johan", "October 4, 2010 at 8:01 pm", "Thanks, pretty useful.")
              + _short_record(2, "Boris", "October 5, 2010 at 3:12 am", "Techcrunch for sure.")
              + _short_record(3, "Lane", "October 5, 2010 at 9:40 am", "Great list, thank you!")
              + "</ol>")
    result = parse(thread)
    assert [(c.author, c.published[:16], c.text) for c in result.comments] == [
        ("Johan", "2010-10-04T20:01", "Thanks, pretty useful."),
        ("Boris", "2010-10-05T03:12", "Techcrunch for sure."),
        ("Lane", "2010-10-05T09:40", "Great list, thank you!"),
    ]


def test_a_run_of_one_accounts_posts_is_no_thread() -> None:
    """A box of the site's own tweets ("Follow us on Twitter"): each a name, a date and a
    text, like comments, but every one by the same account. A discussion has more voices."""
    def tweet(number: int, shown: str, text: str) -> str:
        return (f'<div class="t1"><div class="t2"><div class="t3">{text} <a href="https://t.co/x{number}">https://t.co/x{number}</a>'
                f'</div><div class="t4"><a href="https://twitter.com/IndiaPost_News" class="t5">@Indiapost_News</a> '
                f'<a href="https://twitter.com/IndiaPost_News/status/{number}">{shown}</a></div></div></div>')
    box = ('<div class="w9"><h3>Follow us on Twitter</h3><div class="t0">'
           + tweet(1, "November 20, 2019 10:54 am", "USCIRF expresses concern over the register, says 1.9 million may soon be stateless")
           + tweet(2, "November 20, 2019 10:42 am", "Water is not the problem, politics is: a sample from the city's taps")
           + tweet(3, "November 20, 2019 9:59 am", "Indian-origin man pleads guilty to a fraud scheme in the United States")
           + "</div></div>")
    assert parse(box).comments == []


def _undated(name: str, text: str, replies: str = "") -> str:
    return (f'<div class="u1"><div class="u2"><div class="u3">{name}</div></div>'
            f'<div class="u4"><p>{text}</p></div><div class="u5"><span>Reply</span></div>{replies}</div>')


def test_an_undated_thread_under_its_heading_is_read_from_its_name_lines() -> None:
    """Comments that show no date and no "says" (toptal's and wpDiscuz's undated
    lists): a run under a "Comments" heading whose records each open with a line holding
    a name alone, then the words. The run shows the line to be the name; a reply nested
    in a record, of its shape, is a reply."""
    thread = ('<div class="h1"><h3>Comments</h3><div class="h2">'
              + _undated("Christelle", "Wonderful recipe. I followed it exactly and baked it in a steel pan.",
                         replies=_undated("swasthi", "Glad to know Christelle. Thank you"))
              + _undated("Ednah", "I really liked your recipe and I am looking forward to more.")
              + _undated("Dee", "Ok.")
              + _undated("Vidya", "I make this banana cake often for my two year old boy.")
              + "</div></div>")
    result = parse(thread)
    assert [(c.author, c.text, c.depth) for c in result.comments] == [
        ("Christelle", "Wonderful recipe. I followed it exactly and baked it in a steel pan.", 1),
        ("swasthi", "Glad to know Christelle. Thank you", 2),
        ("Ednah", "I really liked your recipe and I am looking forward to more.", 1),
        ("Dee", "Ok.", 1),
        ("Vidya", "I make this banana cake often for my two year old boy.", 1),
    ]
    assert all(c.published is None for c in result.comments)


@pytest.mark.parametrize("line", [
    lambda i: "Sponsored",  # one label on every record names nobody
    lambda i: f'<a href="/2019/post-{i}/">Opening Bell {i}</a>',  # a link into the site: a teaser's title
    lambda i: f"Opening bell, and what else happened on day {i} of the markets",  # no name: a sentence
])
def test_a_run_whose_first_lines_name_nobody_is_no_undated_thread(line: Callable[[int], str]) -> None:
    thread = ('<div class="h1"><h3>Comments</h3><div class="h2">'
              + "".join(_undated(line(i), f"Words of entry {i}, long enough to be read as a comment's text.")
                        for i in range(4))
              + "</div></div>")
    assert parse(thread).comments == []


def _self_linked(number: str, link_text: str, name: str = "JoAnne") -> str:
    return (f'<ol class="w1"><li class="w2" id="w3-{number}"><img src="/a.png" alt="">'
            f'<cite>{name}</cite> Says:<br><small><a href="{URL}?p=5#w3-{number}">{link_text}</a></small>'
            '<p>We attend many holiday gatherings but have now started our own meal with the kids.</p></li></ol>')


def test_a_lone_comment_that_links_to_itself_is_the_thread() -> None:
    """One comment, too few for a run: with its id and its own permalink on its date
    ("#w3-309282", WordPress's "November 6th, 2012 at 1:09 pm"), after the headline, and
    a name, a date and words, it is a comment (seven Dragnet pages with one comment, with
    their names taken away)."""
    result = parse(_self_linked("309282", "November 6th, 2012 at 1:09 pm"))
    assert [(c.author, c.published, c.text[:30]) for c in result.comments] == [
        ("JoAnne", "2012-11-06T13:09:00", "We attend many holiday gatheri")]


def test_a_lone_comment_is_known_by_a_permalink_after_it_or_its_reply_button() -> None:
    """The other ways a comment links to itself: Blogger puts a ``dt``'s permalink in a
    ``dd`` after it (simonhar.com), and a WordPress theme may show no permalink but a
    "Reply" whose address carries the comment's number (``?replytocom=137405`` in
    ``li#comment-137405``, freelanceswitch.com)."""
    blogger = ('<dl class="b1"><dt class="b2" id="c601781925611260925"><a href="https://www.blogger.com/profile/1">'
               'Huai Bin</a> said...</dt><dd class="b3"><p>Yeah, I have always thought an S designation means Sport.'
               f'</p></dd><dd class="b4"><a href="{URL}?showComment=1344532796791#c601781925611260925">'
               '10 August 2012 01:19</a></dd></dl>')
    reply = ('<ol class="r1"><li class="r2" id="r3-137405"><cite class="r4">Jason</cite><div class="r5">November 12th, '
             '2012</div><div class="r6"><p>Definitely, the past year I have taken a harsher stance on payment.</p>'
             f'<a class="r7" href="{URL}?replytocom=137405#respond">Reply</a></div></li></ol>')
    assert [(c.author, c.published) for c in parse(blogger).comments] == [("Huai Bin", "2012-08-10T01:19:00")]
    assert [(c.author, c.published) for c in parse(reply).comments] == [("Jason", "2012-11-12")]


@pytest.mark.parametrize("where", ["before", "link"])
def test_a_block_that_links_to_itself_is_no_comment_unless_it_stands_as_one(where: str) -> None:
    """Not a comment: the same block before the headline (a box of the page's own), or
    with a link to itself that is no permalink ("Return to top of page")."""
    block = _self_linked("309282", "Return to top of page" if where == "link" else "November 6th, 2012 at 1:09 pm")
    html = block + POST if where == "before" else POST + block
    assert parse("", post=html).comments == []


def test_a_comments_number_before_its_name_is_no_part_of_the_name() -> None:
    """A numbered comment's head line, "1 Lisa November 7, 2012 at 4:42 PM": the number
    (its permalink) stands first, the name after it (incourage.me, mealsandmiles.com,
    shoemoney.com, scientificamerican.com). The name had come out as "1 Lisa"."""
    def numbered(number: int, name: str, site: str, day: int) -> str:
        return (f'<dt class="v2" id="v3-{number}"><span class="v4"><a href="#v3-{number}">{number}</a></span> '
                f'<span class="v5"><a href="{site}" rel="nofollow">{name}</a></span> '
                f'<span class="v6">November {day}, 2012 at 4:42 PM</span></dt>'
                '<dd class="v2"><p>I love the idea of an advent devotional. I created my own years ago.</p></dd>')

    result = parse('<dl class="v1">' + numbered(1, "Lisa", "http://lisa.example.net", 7)
                   + numbered(2, "Tami Grandi", "http://tami.example.net", 8) + "</dl>")
    assert [(c.author, c.author_url, c.published) for c in result.comments] == [
        ("Lisa", "http://lisa.example.net", "2012-11-07T16:42:00"),
        ("Tami Grandi", "http://tami.example.net", "2012-11-08T16:42:00")]


def _listed(number: int, name: str, shown: str, text: str, actions: str, replies: str = "") -> str:
    return (f'<a name="{number}"></a><dl data-message="{number}"><dt class="y1"></dt><dt class="y2"><span>by '
            f'<a href="/profile/{name}/">{name}</a></span> {shown}</dt><dd id="y3_{number}">{text}</dd>'
            f'<dd class="y4">{actions}</dd>{replies}</dl>')


def test_definition_lists_side_by_side_are_a_thread_and_their_buttons_no_text() -> None:
    """Records each a ``dl`` of their own (cnet's 2010 blogs): the head line in a ``dt``,
    the words in a ``dd``, the buttons in another ``dd``, a reply's ``dl`` inside the
    record it answers. A row of buttons and their counts is no text, in any order
    ("Like this Reply to this comment 3 people like this comment"; gizmodo's "Permalink
    Reply")."""
    like = ('<a class="y5">Like this</a> <a class="y6">Reply to this comment</a> '
            '<span class="y7"><b>{}</b> people like this comment</span>')
    reply = '<dd class="y8">' + _listed(203, "dansterpower", "August 18, 2010 5:26 PM PDT", "Nah ...",
                                         like.format(12)) + "</dd>"
    thread = ('<div class="y0">'
              + _listed(201, "Ajax9191", "August 18, 2010 3:40 PM PDT", "One problem and its called apple",
                        like.format(3), replies=reply)
              + _listed(202, "Yelonde", "August 18, 2010 6:42 PM PDT",
                        "The only problem here is the person who has a problem with apple.", '<a>Permalink</a> <a>Reply</a>')
              + "</div>")
    result = parse(thread)
    assert [(c.author, c.published, c.text, c.depth) for c in result.comments] == [
        ("Ajax9191", "2010-08-18T15:40:00-07:00", "One problem and its called apple", 1),
        ("dansterpower", "2010-08-18T17:26:00-07:00", "Nah ...", 2),
        ("Yelonde", "2010-08-18T18:42:00-07:00", "The only problem here is the person who has a problem with apple.", 1),
    ]


@pytest.mark.parametrize("text", ["Like this one more than the last batch.", "Reply hazy, try again"])
def test_words_around_a_buttons_word_are_text(text: str) -> None:
    """A block of a button's words with others around it is what the commenter wrote."""
    from archiver.parsers.record import _clean_text

    assert _clean_text(["First line of the comment.", text]) == "First line of the comment.\n\n" + text


def _review(number: int, name: str, day: int, text: str) -> str:
    return (f'<li class="x1" id="x2-{number}"><div class="x3"><img src="/av/{number}.png" alt=""></div>'
            f'<div class="x4"><p><span class="x5">{name}</span> rated this recipe 5/5, <span>March {day}, 2016</span></p></div>'
            f'<div class="x6"><p>{text}</p></div></li>')


_REVIEWERS = ("Mokaroyal", "aurelie_isabel", "courantdair", "Lilou", "Bernard", "Zazou")


@pytest.mark.parametrize(("records", "found"), [(6, 6), (5, 0)])
def test_a_box_named_like_a_comment_does_not_hide_the_thread(records: int, found: int) -> None:
    """One element named like a comment that is none (a tab bar "my-comment": cookomix's
    "J'ai testé ! · Une question ?"), and after it a run of records nothing names, each
    with a name, a date and words: the run, six records or more and three times the named
    ones, is the thread (cookomix.com; with names taken away, blog.mondediplo.net and
    pocketpc.ch). A shorter run beside a named record leaves the named one."""
    tabs = ('<div class="tabs my-comment" role="navigation"><ul><li class="selected">Tested it!</li>'
            '<li>Ask a question</li><li>Notes</li></ul></div>')
    run = ('<ul class="x0">' + "".join(_review(i, _REVIEWERS[i], i + 9, f"Very good, I cooked it again for the family, day {i}.")
                                        for i in range(records)) + "</ul>")
    comments = parse(tabs + run).comments
    assert len(comments) == found
    if found:
        assert [c.author for c in comments] == list(_REVIEWERS[:records])
        assert comments[0].published == "2016-03-09"


@pytest.mark.parametrize("place", ["footer", "aside", "header"])
def test_a_thread_in_the_posts_footer_or_aside_is_found_where_nothing_else_is(place: str) -> None:
    """A theme may put the thread in the article's ``footer`` or an ``aside``, and an
    unclosed tag may leave it inside a ``header`` (thecookierookie.com's entry header
    holds the whole post and its wpDiscuz thread). Where no run stands elsewhere, these
    places are searched too (the finder now reaches the threads of cookingclassy.com,
    profootballtalk, theoriginalcopy.de and chewoutloud.com, in footers and asides, with
    their names taken away)."""
    run = "".join(_record(name, f"February {day}, 2024 9:15 am", f"{day} months ago",
                          f"We make this at least once a month, {name} here. It is amazing!")
                  for name, day in (("Barry", 11), ("Kimberly", 10), ("Teresa", 9)))
    result = parse(f'<{place} class="f0"><div class="f1">{run}</div></{place}>')
    assert [(c.author, c.published[:10]) for c in result.comments] == [
        ("Barry", "2024-02-11"), ("Kimberly", "2024-02-10"), ("Teresa", "2024-02-09")]



def _boxed(number: int, name: str, day: int, text: str, replies: str = "") -> str:
    return (f'<li class="qq"><article id="qh-{number}" class="qb"><header><h3>{name}</h3></header><div class="qt"><p>{text}</p>'
            f'</div><footer><a href="#qh-{number}"><time datetime="2025-10-{day}T12:02:09-06:00">October {day}, 2025</time></a> '
            f'<a rel="nofollow" href="#qh-{number}">Reply</a></footer></article>{replies}</li>')


def test_a_records_key_is_the_number_of_the_box_that_opens_it() -> None:
    """WordPress themes put the comment's id on its own box inside the list item that also
    holds its replies (``li.comment > article#div-comment-779802``). With that id in words
    no list holds, the number still keys the comment, and a reply names its parent by it
    (cookingclassy.com, heatherchristo.com, tatyanaseverydayfood.com, theoriginalcopy.de
    with their names taken away); their keys had been hashes of the text."""
    thread = ('<section class="qs"><h2>42 Comments</h2><ul class="ql">'
              + _boxed(779802, "Sofia", 29, "Do you have more specific directions if I want to bake it?",
                       '<ul class="qc">' + _boxed(779828, "Jaclyn", 30, "Yes, bake it on a greased sheet at 400 degrees.")
                       + "</ul>")
              + _boxed(776647, "Mark", 31, "Loved these, thank you for the recipe!") + "</ul></section>")
    comments = parse(thread).comments
    assert [(c.author, c.depth) for c in comments] == [("Sofia", 1), ("Jaclyn", 2), ("Mark", 1)]
    assert ["779802" in c.id for c in comments] == [True, False, False]
    assert comments[1].parent_id == comments[0].id and "779828" in comments[1].id


# Pingbacks by what they show: another site's title as a link and WordPress's "[…]" excerpt,
# or an opening "Pingback:"; listed among the comments in a shape of their own, or apart
# under a line that says what they are.

def _wp_comment(number: int, name: str, day: str, text: str) -> str:
    return (f'<li id="q7-{number}" class="q8 q9"><img class="q10" src="/a{number}.png" alt="">'
            f'<div class="q11"><div class="q16"><h5 class="q12">{name}</h5><div class="q17"><time '
            f'datetime="{day}T10:00:00+02:00"><a href="{URL}#q7-{number}">{day}</a></time> | '
            f'<a href="#q7-{number}">Reply</a></div></div><p>{text}</p></div></li>')


def _wp_pingback(number: int, title: str, site: str, day: str, excerpt: str) -> str:
    return (f'<li id="q7-{number}" class="q13 q9"><div class="q11"><div class="q16"><h5 class="q12">'
            f'<a href="https://{site}/2015/10/13/a-post/" rel="external nofollow">{title}</a></h5>'
            f'<div class="q17"><time datetime="{day}T14:43:32+01:00"><a href="{URL}#q7-{number}">{day}</a></time> | '
            f'<a href="#q7-{number}">Reply</a></div></div><p>{excerpt}</p></div></li>')


def test_pingbacks_in_the_thread_in_a_shape_of_their_own_are_read_by_what_they_show() -> None:
    thread = ('<section><h3>4 Comments</h3><ol class="q6">'
              + _wp_comment(5, "Pau", "2016-04-02", "What a sauce, we had it twice this week already.")
              + _wp_pingback(4, "My favourite recipes of the year | Lunares", "lunares.example.com", "2015-10-25",
                             "[…] Bolognese sauce […]")
              + _wp_comment(3, "Yo", "2015-03-02", "In the notes you say to add more tomato; how much more?")
              + _wp_comment(2, "Jos", "2015-02-16", "And when does the tomato go in? I could not see it.")
              + "</ol></section>")
    comments = parse(thread).comments
    assert [(c.kind, c.author, c.text) for c in comments] == [
        ("comment", "Pau", "What a sauce, we had it twice this week already."),
        ("pingback", "My favourite recipes of the year | Lunares", "[…] Bolognese sauce […]"),
        ("comment", "Yo", "In the notes you say to add more tomato; how much more?"),
        ("comment", "Jos", "And when does the tomato go in? I could not see it."),
    ]
    assert comments[1].author_url == "https://lunares.example.com/2015/10/13/a-post/"


def test_a_date_in_a_pingbacks_source_title_is_not_when_it_came() -> None:
    thread = ('<ol class="q6">'
              '<li id="q7-826" class="q8"><article class="q14"><footer><img src="/a.png" alt=""> '
              '<b><a href="https://blahm.example.com">Michael Blahm</a></b> <span>says:</span> '
              f'<a href="{URL}#q7-826"><time datetime="2014-04-02T08:29:59+00:00">2 April 2014 at 8:29</time></a>'
              '</footer><p>Why not make all of it open, then?</p></article></li>'
              '<li id="q7-827" class="q15"><div class="q14">Pingback: <a href="https://lawcamp.example.de/2014/04/04/'
              'it-lawcamp/" rel="external nofollow">IT LawCamp 2014, 5.4.2014, Frankfurt am Main | Open Law</a></div>'
              '</li>'
              '<li id="q7-828" class="q8"><article class="q14"><footer><img src="/b.png" alt=""> '
              '<b><a href="https://gold.example.com">GoldKind</a></b> <span>says:</span> '
              f'<a href="{URL}#q7-828"><time datetime="2014-07-10T12:58:42+00:00">10 July 2014 at 12:58</time></a>'
              '</footer><p>Because the holder of the rights would lose out, of course.</p></article></li>'
              '</ol>')
    pingback = parse(thread).comments[1]
    assert (pingback.kind, pingback.author, pingback.published) == (
        "pingback", "IT LawCamp 2014, 5.4.2014, Frankfurt am Main | Open Law", None)


@pytest.mark.parametrize(("heading", "kind"), [
    ("<h3>Trackbacks/Pingbacks</h3>", "pingback"),
    ('<div class="q20"><p><span>{</span> <span>1</span> trackback <span>}</span></p></div>', "trackback"),
])
def test_a_list_under_a_line_that_names_pingbacks_or_trackbacks_is_of_that_kind(heading: str, kind: str) -> None:
    thread = ('<ol class="q6">'
              + _wp_comment(5, "Pam", "2019-09-06", "Can't wait to make this, my grandmother made it for us.")
              + _wp_comment(4, "Joan", "2017-11-06", "Thank you so much for the stew, it was a hit with everyone.")
              + '</ol><div class="q21">' + heading
              + '<ol class="q22"><li id="q7-9"><a href="https://stew.example.com/2014/01/08/porkolt/" '
              'rel="external nofollow">Karl’s Hungarian Porkolt | Jabberwocky Stew</a> - […] with paprika, but '
              'even then none of the recipes seemed right…</li></ol></div>')
    comments = parse(thread).comments
    assert [(c.kind, c.author) for c in comments] == [
        ("comment", "Pam"), ("comment", "Joan"), (kind, "Karl’s Hungarian Porkolt | Jabberwocky Stew")]
    assert comments[2].author_url == "https://stew.example.com/2014/01/08/porkolt/"
    assert comments[2].text.startswith("[…] with paprika")


def test_a_comment_that_quotes_with_an_ellipsis_in_brackets_stays_a_comment() -> None:
    """The excerpt's "[…]" makes a pingback only after a linked title of four words or more:
    a commenter's linked name before a quote is no source."""
    thread = ('<ol class="q6">'
              + _wp_comment(5, '<a href="https://mary.example.com/">Mary Ann Lee</a>', "2019-09-06",
                            "[…] the sauce needs an hour, the post says; mine needed two.")
              + _wp_comment(4, "Joan", "2017-11-06", "Thank you so much for the stew, it was a hit with everyone.")
              + "</ol>")
    assert [(c.kind, c.author) for c in parse(thread).comments] == [("comment", "Mary Ann Lee"), ("comment", "Joan")]


def _badged_record(number: int, name: str, badge: str, day: str, text: str) -> str:
    badge = f'<div class="q32">{badge}</div>' if badge else ""
    return (f'<li id="q7-{number}">\n<article class="q30">\n<div class="q31"><img src="/a{number}.png" alt=""></div>\n'
            f'<div class="q33">\n<div style="display: flex">\n<h3 class="q34">{name}</h3>\n{badge}</div>\n'
            f'<div class="q35">\n<a class="q36" href="{URL}#q7-{number}">{day}</a>\n'
            f'<a href="#q7-{number}" class="q37">Reply</a>\n</div>\n'
            f'<div class="q38">\n<div>{text}</div>\n</div>\n</div>\n</article>\n</li>\n')


def test_a_short_records_box_is_no_date_line_however_short() -> None:
    """A reply of a few words, its writer's badge beside the name: the box of the whole
    record is shorter than a long date line, but it stacks lines, and its date is the
    line inside it."""
    thread = ('<section><h3>3 Comments</h3><ol class="q6">'
              + _badged_record(1, "Mess", "", "19 June 2025 at 10:32",
                              "Great recipe, thank you. Can the rest of the semolina be frozen, do you think?")
              + '<li><ul class="q39">' + _badged_record(2, "Alice", "dietitian", "19 June 2025 at 11:01",
                                                        "Hello, yes, you can freeze it!") + "</ul></li>"
              + _badged_record(3, "Leila", "", "4 August 2025 at 09:54",
                              "We made it for the whole family on Sunday and everyone asked for more.")
              + "</ol></section>")
    assert [(c.author, c.published[:16], c.text) for c in parse(thread).comments] == [
        ("Mess", "2025-06-19T10:32", "Great recipe, thank you. Can the rest of the semolina be frozen, do you think?"),
        ("Alice", "2025-06-19T11:01", "Hello, yes, you can freeze it!"),
        ("Leila", "2025-08-04T09:54", "We made it for the whole family on Sunday and everyone asked for more."),
    ]


def _meta_box_record(number: int, name: str, day: str, text: str) -> str:
    return (f'<div class="q40" id="q41-{number}">\n<div class="q42">\n<div class="q43">\n<div class="q44">\n'
            f'<div class="q45"><span class="q46">{name}</span></div>\n'
            f'<div class="q47"><a href="{URL}#q41-{number}"><abbr title="{day}">{day}</abbr></a></div>\n'
            f'</div>\n</div>\n</div>\n<div class="q48">\n<p>{text}</p>\n'
            f'<div class="q49"><a href="#q50">Reply to this</a></div>\n</div>\n</div>\n</div>\n')


def test_a_box_of_a_name_line_and_a_date_line_is_the_records_meta_line() -> None:
    """The rule above leaves a box whose lines are a name and a date (nothing after the
    date): it is the record's meta line, and the name is read from it."""
    thread = ('<section><h3>3 Comments</h3>\n'
              + _meta_box_record(1, "Tyler Stambaugh", "November 5, 2012 · 8:23 PM",
                                 "Do you think anyone will show up to carry supplies after reading about it?")
              + _meta_box_record(2, "Champs", "November 5, 2012 · 8:54 PM",
                                 "So there is one bike blog that documents luxury holidays, and that is fine.")
              + _meta_box_record(3, "Jenn", "November 6, 2012 · 9:10 AM",
                                 "We went down on Saturday with two trailers and it was a good day out.")
              + "</section>")
    assert [(c.author, c.published[:16]) for c in parse(thread).comments] == [
        ("Tyler Stambaugh", "2012-11-05T20:23"), ("Champs", "2012-11-05T20:54"), ("Jenn", "2012-11-06T09:10")]


def _shared_record(number: int, name: str, text: str) -> str:
    permalink = f"{URL}%23q90-{number}"
    return (f'<li id="q90-{number}" class="q91">\n<div class="q92"><div class="q93">{name}</div>\n'
            f'<div class="q94"><span class="q95">'
            f'<a href="https://twitter.com/intent/tweet?text=&amp;url={permalink}"><span>Share this comment on '
            f'Twitter?</span></a> <a href="https://www.facebook.com/sharer/sharer.php?u={permalink}">'
            f'<span>Share this comment on Facebook?</span></a></span></div></div>\n'
            f'<div class="q96"><p>{text}</p></div>\n</li>\n')


def test_a_records_buttons_to_share_it_are_no_part_of_its_text() -> None:
    """Links to a sharing service's share form are the record's buttons, whatever words
    they show ("Share this comment on Twitter?")."""
    thread = ('<section><h3>3 Comments</h3>\n<ol class="q97">\n'
              + _shared_record(1, "Nibelung", "Some likeness between then and now is plain to see, I think.")
              + _shared_record(2, "Bummi", "I think the withdrawal is a good thing on the whole, for everyone.")
              + _shared_record(3, "Magdalena", "The criticism here is too one-sided for my taste, I am afraid.")
              + "</ol>\n</section>")
    assert [(c.author, c.text) for c in parse(thread).comments] == [
        ("Nibelung", "Some likeness between then and now is plain to see, I think."),
        ("Bummi", "I think the withdrawal is a good thing on the whole, for everyone."),
        ("Magdalena", "The criticism here is too one-sided for my taste, I am afraid."),
    ]


def _nested_record(number: int, depth: int, name: str, day: str, text: str, replies: str = "") -> str:
    children = f'\n<ul class="q101">\n{replies}</ul>\n' if replies else ""
    return (f'<li class="q102 q103-{depth}" id="q104-{number}">\n<article id="q105-{number}">\n'
            f'<header class="q106">\n<p class="q107"><span class="q108">{name}</span> <span>says</span></p>\n'
            f'<p class="q109"><time class="q110">{day}</time></p>\n</header>\n'
            f'<div class="q111">\n<p>{text}</p>\n</div>\n'
            f'<div class="q112"><a rel="nofollow" href="#q104-{number}">Reply</a></div>\n</article>{children}</li>\n')


def test_a_long_reply_under_a_comment_of_two_words_is_a_reply_not_its_body() -> None:
    """The reply shows nearly all the text of the comment it answers ("Very tasty"), as a
    record's body column would; but the comment shows its own name and date before it."""
    long_reply = ("Surely a very tasty recipe, but it is a North African one: it comes from the Maghreb and "
                  "is cooked mostly in Tunisia. That it is cooked elsewhere too does not make it a dish of "
                  "there, no more than a pizza baked in Gelsenkirchen is a German dish. The tomatoes, the "
                  "peppers and the eggs poached in them are found all along that coast, with harissa or "
                  "without, and every family has its own way with the spices; some add merguez, some add "
                  "potatoes, some finish it with coriander. None of that takes anything away from yours, "
                  "and I will cook it again next weekend for my neighbours, who asked for it after the last time.")
    thread = ('<section><h3>3 Comments</h3>\n<ol class="q100">\n'
              + _nested_record(1, 1, "Anna", "February 01, 2022 at 9:02 am",
                               "We made it on Sunday with feta on top and it was gone in minutes.")
              + _nested_record(2, 1, "Jossi", "February 06, 2022 at 12:14 pm", "Very tasty",
                               replies=_nested_record(3, 2, "Markus", "March 11, 2022 at 11:16 am", long_reply))
              + "</ol>\n</section>")
    comments = parse(thread).comments
    assert [(c.author, c.text[:20], c.depth) for c in comments] == [
        ("Anna", "We made it on Sunday", 1), ("Jossi", "Very tasty", 1), ("Markus", "Surely a very tasty ", 2)]
    assert comments[2].parent_id == comments[1].id


def _subject_record(number: int, name: str, day: str, subject: str, text: str) -> str:
    return (f'<article id="q120-{number}" class="q121">\n<footer>\n<h6>{name} | {day}</h6>\n</footer>\n<div>\n'
            f'<div class="q122"><p><a href="/comment/{number}#q120-{number}" rel="bookmark">{subject}</a></p></div>\n'
            f'<div class="q123"><p>{text}</p></div>\n'
            f'<ul class="q124"><li><a href="/comment/reply/{number}">Reply</a></li></ul>\n</div>\n</article>\n')


def _bold_subject_record(name: str, day: str, subject: str, paragraphs: list[str], alike: bool = False) -> str:
    body_class = "q131" if alike else "q132"
    body = "".join(f'<div class="{body_class}"><p>{p}</p></div>\n' for p in paragraphs) if alike \
        else f'<div class="{body_class}">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>\n"
    return (f'<div class="q133">\n<div class="q134"><span class="q135">{name}</span> <span>{day}</span></div>\n'
            f'<div class="q131"><p><strong>{subject}</strong></p></div>\n{body}</div>\n')


def test_a_comments_subject_in_a_block_of_its_own_is_its_title_not_its_text() -> None:
    """A subject line (a link to the comment itself, or a bold line) alone in a block of
    the record's layout, before the block of the text, is the comment's title."""
    thread = ('<section><h2>2 Comments</h2>\n<div class="q125">\n'
              + _subject_record(1, "Heidemarie Heim", "April 21, 2020 - 16:40", "Where and how people die",
                                "Thank you for these insights. A hard subject, but one we all have to face.")
              + _subject_record(2, "Horst Kessler", "April 22, 2020 - 15:44", "Not only the old",
                                "It seems many still think the old should be left to the virus in their homes.")
              + "</div>\n</section>")
    comments = parse(thread).comments
    assert [(c.author, c.title, c.text[:30]) for c in comments] == [
        ("Heidemarie Heim", "Where and how people die", "Thank you for these insights. "),
        ("Horst Kessler", "Not only the old", "It seems many still think the "),
    ]
    thread = ('<section><h2>2 Comments</h2>\n<div class="q136">\n'
              + _bold_subject_record("Red Bastard", "June 22, 2018 at 11:29", "The same argument",
                                     ["South Korea is a capitalist country, run with a firm hand.", "More of it."])
              + _bold_subject_record("Billy Holidays", "June 26, 2018 at 21:11", "Strange fruits",
                                     ["I am tired of it all, frankly, and of saying so again.", "And again."])
              + "</div>\n</section>")
    assert [(c.author, c.title, c.text[:20]) for c in parse(thread).comments] == [
        ("Red Bastard", "The same argument", "South Korea is a cap"),
        ("Billy Holidays", "Strange fruits", "I am tired of it all"),
    ]


def test_a_bold_first_paragraph_among_paragraphs_alike_stays_text() -> None:
    """An editor that writes each paragraph in a block of its own: a bold first one is
    what the reader wrote, not a subject."""
    thread = ('<section><h2>2 Comments</h2>\n<div class="q136">\n'
              + _bold_subject_record("Graham Wakefield", "May 14, 2024 at 5:33 am", "It is not a bug.",
                                     ["But it may be worth looking at what is really going on here.",
                                      "Audio runs in blocks of samples, each a few milliseconds long."], alike=True)
              + _bold_subject_record("Tim Rogers", "May 15, 2024 at 9:12 am", "Thanks, that helps.",
                                     ["I had not thought about the signal vector size at all until now."], alike=True)
              + "</div>\n</section>")
    assert [(c.author, c.title, c.text[:20]) for c in parse(thread).comments] == [
        ("Graham Wakefield", None, "It is not a bug.\n\nBu"),
        ("Tim Rogers", None, "Thanks, that helps.\n"),
    ]


def _forum_post(number: int, name: str, rank: str, day: str, text: str) -> str:
    return (f'<article class="q140" id="q141-{number}" data-content="q141-{number}">\n'
            f'<div class="q142"><section itemscope itemtype="https://schema.org/Person" class="q143">\n'
            f'<div class="q144"><span class="q145" title="{name}" style="background-color: #336633">'
            f'<span class="q146" role="img" aria-label="{name}">{name[0].upper()}</span></span></div>\n'
            f'<div class="q147"><h4 class="q148"><a href="/members/{name.lower()}.{number}/" itemprop="name">{name}</a></h4>\n'
            f'<h5 class="q149" itemprop="jobTitle">{rank}</h5></div>\n</section></div>\n'
            f'<div class="q150"><div class="q151"><time datetime="{day}">{day}</time></div>\n'
            f'<div class="q152"><div class="q153">{text}</div></div></div>\n</article>\n')


def test_a_letter_avatar_before_the_name_is_no_name() -> None:
    """A letter that stands for a picture ("Y", labelled "yellowkitty") opens each post;
    the name is the line after it, and the writer's rank beside it is no subject."""
    thread = ('<section><h2>Replies</h2>\n<div class="q139">\n'
              + _forum_post(1, "yellowkitty", "Forum pro", "2018-09-27T15:11:51+02:00",
                            "Could it be mites in his ears? One of our first cats had a bad case once.")
              + _forum_post(2, "Lov100", "Old hand", "2018-09-27T15:41:50+02:00",
                            "Mine drags in all sorts from outside, with his long coat, but not like that.")
              + _forum_post(3, "Pepemaus", "Forum pro", "2018-09-27T17:46:16+02:00",
                            "His ears are clean, no dirt at all. The coat is short, too, so it is odd.")
              + "</div>\n</section>")
    assert [(c.author, c.title, c.text[:20]) for c in parse(thread).comments] == [
        ("yellowkitty", None, "Could it be mites in"),
        ("Lov100", None, "Mine drags in all so"),
        ("Pepemaus", None, "His ears are clean, "),
    ]


def _headed_record(number: int, name: str, shown: str, text: str) -> str:
    return (f'<div class="q160 q161" id="q162{number}">\n<div class="q163 q164">\n<div class="q165">\n'
            f'<div class="q166"><p><span class="q167">{name}</span>\n<span class="q168">{shown}</span></p></div>\n'
            f'<div class="q166 q169"><span class="q170"><span class="q171">+3</span>\n'
            f'<a class="q172" href="?vote=up&amp;c={number}">Good</a>\n'
            f'<a class="q173" href="?reply={number}#q174">Reply</a></span></div>\n</div>\n'
            f'<div class=""><p>{text}</p></div>\n</div>\n</div>\n')


def test_a_records_head_row_is_no_reply_inside_it() -> None:
    """A row of the record's name, date and buttons above its text looks like a record
    inside the record; without it the record shows no name or date and most of the
    words, so it is the record's head, not a reply."""
    thread = ('<div class="q175"><div class="q176"><h3>Comments</h3>\n<h4>Discuss this article</h4></div>\n'
              + _headed_record(3989, "Marth", "02.12.2022, 15:57:32",
                               "A few weeks ago, after a report that was taken down again, I talked with people "
                               "who run biogas plants, and they cannot see the point of this levy either.")
              + "</div>\n")
    comments = parse(thread, lang="de").comments
    assert [(c.author, c.published) for c in comments] == [("Marth", "2022-12-02T15:57:32")]
    assert comments[0].text.endswith("cannot see the point of this levy either.")  # (the vote row before it stays)



def _followed_record(number: int, name: str, slug: str, day: str, shown: str, text: str) -> str:
    return (f'<li class="q210 q211" id="q212-{number}">\n<div class="q213">\n<div class="q214">\n'
            f'<div class="q215"><a href="/follow/people/{slug}/"><img class="q216" src="/a/{slug}.jpg"></a></div>\n'
            f'<span class="q217"><a href="/follow/people/{slug}/" rel="external nofollow">{name}</a></span>\n'
            f'<a href="/follow/people/{slug}/follow/" class="q218">Follow</a>\n</div>\n'
            f'<div class="q219"><p>{text}</p></div>\n'
            f'<div class="q220"><a href="#q212-{number}"><time datetime="{day}">{shown}</time></a>\n'
            f'<a class="q221" href="?replytocom={number}#respond">Reply</a></div>\n</div>\n</li>\n')


def test_a_link_to_the_writers_own_page_is_their_name_whatever_stands_after_it() -> None:
    """A name linked to the writer's page (the address ends with the name: "/people/
    pauliinajamsa/" for "Pauliina Jamsa") opens the record's first line, with a "Follow"
    button after it on the same line: it is the name."""
    thread = ('<section><h2>Comments</h2>\n<ol class="q209">\n'
              + _followed_record(1, "Pauliina Jamsa", "pauliinajamsa", "2012-11-12T18:14:19-04:00",
                                 "November 12, 2012 18:14:19", "yeah, switch! It is about time, I think.")
              + _followed_record(2, "Mark Live", "mark-live", "2012-11-12T18:06:00-04:00",
                                 "November 12, 2012 18:06:00", "You are awesome, but someone else has you beat.")
              + "</ol>\n</section>")
    assert [(c.author, c.text[:20]) for c in parse(thread).comments] == [
        ("Pauliina Jamsa", "yeah, switch! It is "), ("Mark Live", "You are awesome, but")]


def test_a_greeting_to_a_linked_reader_is_no_name_line() -> None:
    """"Olá <a>NAME</a>!!" opens a reply with a greeting: the linked name stands in a
    sentence, not at the head of a line of its own, and is no name line."""
    def record(number: int, greeted: str, text: str) -> str:
        return (f'<div class="q230">\n<div class="q231"><span class="q232">13/07/2015 19:44</span></div>\n'
                f'<div class="q233"><p>Olá <a href="/perfil/{greeted.lower().replace(" ", "-")}">{greeted}</a>!!<br>'
                f'{text}</p></div>\n</div>\n')
    thread = ('<section><h2>Comentários</h2>\n<div class="q229">\n'
              + record(1, "Mary Costa", "O polvo deverá ser previamente descongelado e cortado em pedaços pequenos.")
              + record(2, "Ana Pereira", "Esta receita foi testada e aprovada com arroz agulha, que fica melhor.")
              + "</div>\n</section>")
    assert [c.author for c in parse(thread, lang="pt").comments] == [None, None]


def _undated_record(number: int, name: str, text: str, shown: str = "") -> str:
    when = f'<div class="q303">{shown}</div>\n' if shown else ""
    return (f'<article class="q300 q301" id="kx-{number}">\n<div class="q304">\n{when}<p class="q305">{text}</p>\n'
            f'<div class="q306">{name} <span class="q307"></span></div></div>\n</article>\n')


_UNDATED = [(204888, "Sally", "We also eat together at our little fiber mill, with a hot plate and crock pots."),
            (204893, "savvy", "Love the greens combination! I definitely vote for the wine fridge, by the way."),
            (204901, "Joanna", "When I looked at the title I thought coconut and broccoli would never work."),
            (204915, "subo", "Cannot wait to try this, and I vote for an electric tea kettle for the office.")]


def test_a_thread_that_shows_no_dates_is_found_by_its_records_keys_and_names() -> None:
    """Records that show no date and no class a reader knows: elements of one tag whose
    ids share a prefix and end in keys of their own, each with a name alone on its last
    line and words besides it."""
    thread = '<section>\n' + "".join(_undated_record(n, name, text) for n, name, text in _UNDATED) + '</section>\n'
    comments = parse(thread).comments
    assert [(c.author, c.published, c.text[:20]) for c in comments] == [
        (name, None, text[:20]) for _n, name, text in _UNDATED]
    assert [c.id for c in comments] == [f"comment-{n}" for n, _name, _text in _UNDATED]


@pytest.mark.parametrize("kind", ["teasers", "dated", "one voice"])
def test_keyed_records_that_are_teasers_dated_or_of_one_voice_are_no_undated_thread(kind: str) -> None:
    """A list of other posts (a heading in each), records that show a time (the finders
    of dated threads judge those), or one account's posts: no undated thread."""
    rows = [(n, "Heidi" if kind == "one voice" else name, text) for n, name, text in _UNDATED]
    if kind == "teasers":
        thread = "".join(_undated_record(n, name, f'</p><h3><a href="/post-{n}/">{title}</a></h3><p>{text}')
                         for (n, name, text), title in zip(rows, ("Soup", "Bread", "Cake", "Pie"), strict=True))
    else:
        thread = "".join(_undated_record(n, name, text, "29 seconds ago ( 2:25 PM)" if kind == "dated" else "")
                         for n, name, text in rows)
    assert parse('<section>\n' + thread + '</section>\n').comments == []


def _pictured(name: str, text: str, picture: str = "") -> str:
    """An undated record after Livefyre's and LinkedIn's markup, its names taken away: a
    picture whose ``alt`` is the commenter's name, the name in a link of its own, the words."""
    picture = picture or f'<a class="w2"><img src="/a/{len(name)}.jpg" alt="{name}"></a>'
    return (f'<article class="w1">\n<div class="w3">{picture}</div>\n'
            f'<header class="w4"><a class="w5">{name}</a></header>\n'
            f'<section class="w6"><div class="w7"><p>{text}</p></div></section>\n</article>\n')


_PICTURED = [("Victor Watermann", "Get yourself a copy of the book. The papers are ignoring it, but the radio "
              "had the author on yesterday and it is flying off the shelves at every bookshop in town."),
             ("Dave Mulligan", "Oh yeah, they are all about getting that money from the donors first, and then "
              "deciding who to back once the field narrows down after the first primaries are over."),
             ("Zoe Kibbey", "Thank you for sharing what sets your soul on fire. I was inspired by a blog a few "
              "years back to pick a word for the year, and this year I have picked courage as mine.")]


def test_an_undated_thread_signed_by_the_names_its_pictures_give() -> None:
    """Records that show no date and no class a reader knows, each under a picture whose
    ``alt`` is the name a link of its own shows: the comment system labels the avatar
    with the commenter's name, so the two agreeing sign the record."""
    thread = '<div class="w0">\n' + "".join(_pictured(name, text) for name, text in _PICTURED) + '</div>\n'
    comments = parse(thread).comments
    assert [(c.author, c.published, c.text[:30]) for c in comments] == [
        (name, None, text[:30]) for name, text in _PICTURED]


@pytest.mark.parametrize("kind", ["product", "staff", "button"])
def test_pictures_named_like_a_link_beside_them_sign_no_product_staff_box_or_button(kind: str) -> None:
    """A product card's picture is no square (110×69); a staff box shows a role, not a
    comment's words; a sign-in button's icon shares one link with its label."""
    if kind == "product":
        rows = [_pictured(name, text, picture=f'<a href="https://cards.example.com/offer/{n}/">'
                                                 f'<img src="/card/{n}.jpg" width="110" height="69" alt="{name}"></a>')
                for n, (name, text) in enumerate(_PICTURED)]
    elif kind == "staff":
        rows = [_pictured(name, role) for name, role in
                zip([name for name, _text in _PICTURED], ("Editor-in-Chief", "Managing Editor", "Lead Writer"))]
    else:
        rows = [f'<div class="w1">\n<a href="#" class="w5"><img src="/icon/{name}.svg" alt="{name}"> '
                f'<span>{name}</span></a>\n<p>{text}</p>\n</div>\n'
                for name, text in [("Google", _PICTURED[0][1]), ("Twitter", _PICTURED[1][1]), ("Apple", _PICTURED[2][1])]]
    assert parse('<div class="w0">\n' + "".join(rows) + '</div>\n').comments == []


def _answering(number: int, name: str, stamp: str, shown: str, text: str) -> str:
    """A record after a SPIP forum's markup, its names taken away: the permalink "#", the
    time, "par NAME" in a span of its own and the post answered, all on one line."""
    return (f'<li class="v1 v2">\n<a href="#v{number}" id="v{number}"></a>\n<div class="v3">'
            f'<p class="v4"><a href="#v{number}" class="v5">#</a> <time datetime="{stamp}">{shown}</time>'
            f'<span class="v6"><span class="v7">, </span>par {name}</span> '
            f'<span class="v8">En réponse à : <a href="/chroniques/didier-porte">Didier Porte souhaite la santé</a></span></p>\n'
            f'<div class="v9"><p>{text}</p></div></div>\n</li>\n')


def test_a_name_after_par_on_the_date_line_and_the_line_is_no_text() -> None:
    """"par NAME" in an element of its own, on a line of inline words with the date and
    the post answered: the name is the commenter's, and none of the line is the text."""
    rows = [(81474, "Horus", "2019-07-17T20:09:45Z", "Le 17 juillet à 22:09", "Barbier, quelle pitié ! On attendait mieux de lui."),
            (81161, "voltaire", "2019-07-03T14:55:18Z", "Le 3 juillet à 16:55", "Cher Didier, évite de positionner ta belle chemise."),
            (81149, "Lepayste", "2019-07-02T22:09:41Z", "Le 3 juillet à 00:09", "Il ose tout, c'est à ça qu'on le reconnaît bien.")]
    thread = '<ul class="v0">\n' + "".join(_answering(*row) for row in rows) + '</ul>\n'
    comments = parse(thread, lang="fr").comments
    assert [(c.author, c.published, c.text) for c in comments] == [
        ("Horus", "2019-07-17T22:09:45+02:00", rows[0][4]), ("voltaire", "2019-07-03T16:55:18+02:00", rows[1][4]),
        ("Lepayste", "2019-07-03T00:09:41+02:00", rows[2][4])]  # (the time shown, in the offset it shows)


def test_a_line_that_shows_the_name_and_the_date_is_no_part_of_the_text() -> None:
    """"+ <a>NAME</a> on <span>date</span> at <span>time</span> said:" in the paragraph
    before the words (a WordPress theme's own markup): the whole line is the head."""
    def record(n: int, name: str, day: str, text: str) -> str:
        return (f'<div class="y1" id="y-{n}"><div class="y2"><img src="/a/{n}.png" width="32" height="32"></div>'
                f'<div class="y3"><p>+ <a href="/post/#y-{n}">{name}</a> on <span> {day} </span> at <span>10:16 am</span>'
                f' said:</p><p>{text}</p></div></div>\n')
    rows = [(742652, "C98976", "August 9th, 2012", "sounds good, and the beta looks better than ever"),
            (742660, "Mordu", "August 9th, 2012", "keyboard and mouse at last, I will be there on day one")]
    comments = parse('<div class="y0">\n' + "".join(record(*row) for row in rows) + '</div>\n').comments
    assert [(c.author, c.published, c.text) for c in comments] == [
        (name, "2012-08-09T10:16:00", text) for _n, name, _day, text in rows]
