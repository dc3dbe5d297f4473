"""What a page says about its parts whatever its classes: schema.org microdata, the
date a tooltip gives for an age, the moment the page declares the post published, and
the sentences and links that only look like bylines.

Each page is written after the markup of a real one (a forum topic saved from the
browser, wpDiscuz, Yandex Zen's comments, Stack Exchange's answer form, an author box).
"""

from __future__ import annotations

import pytest

from archiver.page import Page
from archiver.parsers import ParseResult, parse_page
from archiver.parsers.comments import without_leading_meta
from archiver.parsers.record import plausible_name

URL = "https://forum.example.org/topic/29130/the-rocky-lobster-incident"
HEADLINE = "The 10th Anniversary of The Rocky Lobster Incident"


def parse(body: str, head: str = "", url: str = URL, lang: str = "en") -> ParseResult:
    html = (f"<!DOCTYPE html><html lang='{lang}'><head><title>{HEADLINE}</title>{head}</head>"
            f"<body>{body}</body></html>")
    return parse_page(Page(url=url, body=html.encode("utf-8")))


def _post(index: int, name: str, stamp: str, shown: str, text: str) -> str:
    """A forum post as NodeBB shows it: no class on the item, its parts named by microdata."""
    return (f'<li component="post" class="" data-index="{index}" itemscope itemtype="http://schema.org/Comment">'
            f'<a component="post/anchor" id="{index}"></a><meta itemprop="datePublished" content="{stamp}">'
            f'<div class="clearfix post-header"><small class="pull-left"><strong>'
            f'<a href="/user/{name.lower()}" itemprop="author">{name}</a></strong> '
            f'<a class="permalink" href="/post/{index}"><span title="{shown}">{shown}</span></a></small></div>'
            f'<div class="content" itemprop="text">{text}</div></li>')


TOPIC = (f'<div class="topic"><h1><span>{HEADLINE}</span></h1><ul class="posts">'
         + _post(0, "Gern_Blaanston", "2024-05-02T13:44:38.143Z", "May 2, 2024 1:44 PM",
                 "<p>Filed under: things that happened at a conference ten years ago, told once more.</p>")
         + _post(1, "accalia", "2024-05-02T14:53:12.689Z", "May 2, 2024 2:53 PM",
                 "<p>Is dwane the rock lobster that ol.... oh. nope. not that at all.</p>")
         + _post(2, "Steve_The_Cynic", "2024-05-02T16:45:03.500Z", "May 2, 2024 4:45 PM",
                 '<p><a class="plugin-mentions-user" href="/uid/55501">@Gern_Blaanston</a> said in '
                 '<a href="/post/0">The 10th Anniversary</a>:</p><blockquote><p>He was recruiting.</p></blockquote>'
                 "<p>My favourite charity would be me.</p>")
         + _post(3, "Arantor", "2024-05-02T23:48:32.000Z", "May 2, 2024 11:48 PM",
                 "<p>I can't speak for the others but I have seen this before.</p>")
         + "</ul></div>")
DECLARED = '<meta property="article:published_time" content="2024-05-02T13:44:38.143Z">'


def test_records_typed_as_comments_by_microdata_are_the_thread() -> None:
    """Items typed schema.org/Comment are records, their ``itemprop="author"`` the name and
    a name mentioned inside their ``itemprop="text"`` a part of what they say."""
    result = parse(TOPIC)
    assert [(c.author, c.text[:20]) for c in result.comments[1:]] == [
        ("accalia", "Is dwane the rock lo"),
        ("Steve_The_Cynic", "@Gern_Blaanston said"),
        ("Arantor", "I can't speak for th"),
    ]


def test_the_record_dated_when_the_page_says_the_post_was_published_is_the_post() -> None:
    """A forum topic gives its opening post the markup of its replies, in the same list:
    the record that shows the moment ``article:published_time`` declares is the post."""
    result = parse(TOPIC, head=DECLARED)
    assert [c.author for c in result.comments] == ["accalia", "Steve_The_Cynic", "Arantor"]
    assert result.article.authors == ["Gern_Blaanston"]
    other_moment = DECLARED.replace("13:44:38", "09:00:00")  # (a page of comments whose first is no post)
    assert [c.author for c in parse(TOPIC, head=other_moment).comments][0] == "Gern_Blaanston"


WP_URL = "https://food.example.org/korean-fried-chicken/"


def _wpdiscuz(number: int, name: str, tooltip: str, shown: str, text: str) -> str:
    return (f'<div id="wpd-comm-{number}_0" class="wpd-comment wpd_comment_level-1">'
            f'<div class="wpd-comment-wrap"><div class="wpd-comment-right"><div class="wpd-comment-header">'
            f'<div class="wpd-comment-author">{name}</div>'
            f'<div class="wpd-comment-date" title="{tooltip}"><i class="far fa-clock"></i> {shown}</div></div>'
            f'<div class="wpd-comment-text"><p>{text}</p></div></div></div></div>')


def test_an_age_after_a_label_takes_the_date_its_tooltip_gives_after_the_same_label() -> None:
    """wpDiscuz: "Posted: 6 months ago", its tooltip "Posted: 10/16/23"."""
    thread = ('<div id="wpdcom"><div class="wpd-thread-list">'
              + _wpdiscuz(513425, "Olivia", "Posted: 10/16/23", "Posted: 6 months ago",
                          "This recipe is my absolute favorite, my husband loved it.")
              + _wpdiscuz(513500, "Mark", "Posted: 10/17/23", "Posted: 6 months ago",
                          "Made it twice this week already, thank you!")
              + "</div></div>")
    body = f"<article><h1>Korean Fried Chicken</h1><p>The recipe, long enough to be a post.</p></article>{thread}"
    result = parse(body, url=WP_URL)
    assert [(c.author, c.published) for c in result.comments] == [("Olivia", "2023-10-16"), ("Mark", "2023-10-17")]


def test_an_abbreviated_age_takes_the_date_of_its_tooltip() -> None:
    """Yandex Zen shows "4 д" (four days) and the date and time as the tooltip."""
    def record(name: str, tooltip: str, shown: str, text: str) -> str:
        return (f'<div class="comment__content"><div class="comment-header__block"><a class="comment-header__name" '
                f'href="/id/{name}">{name}</a><div class="Text common-date__date" title="{tooltip}">'
                f'<span>{shown}</span></div></div><div class="comment-text__block"><span>{text}</span></div></div>')
    thread = ('<div class="comments">'
              + record("Василий", "19 мая 2024 г. в 19:43", "4 д", "13 лет и на шашлыки? Мир быстро сходит с ума.")
              + record("Ольга", "19 мая 2024 г. в 19:55", "4 д", "Слава богу, что нашлась, это главное сейчас.")
              + "</div>")
    body = f"<article><h1>Девочка нашлась</h1><p>Текст статьи, достаточно длинный для статьи.</p></article>{thread}"
    result = parse(body, url="https://dzen.example.org/a/zk3", lang="ru")
    assert [(c.author, c.published) for c in result.comments] == [
        ("Василий", "2024-05-19T19:43:00"), ("Ольга", "2024-05-19T19:55:00"),
    ]


def test_a_link_word_with_a_date_as_its_tooltip_is_no_date() -> None:
    """Slashdot's "Journal" link beside the date carries the date of the writer's latest
    journal entry as its tooltip."""
    record = ('<li id="tree_4074" class="comment full contain"><div id="comment_4074" class="cw">'
              '<div class="commentTop"><div class="title"><h4><a href="/comments.pl?cid=4074">Exit interviews</a></h4>'
              '</div><div class="details"><span class="by"><span class="byby">by </span><a href="/~Taco">Taco Cowboy</a>'
              '</span> <span class="otherdetails"> on Monday July 23, @08:35PM (<a href="/comments.pl?cid=4074">#4074</a>) '
              '<small><a href="/~Taco/journal/" title="Saturday July 28, @12:29AM" class="user_journal_display">Journal</a>'
              '</small></span></div></div><div class="commentBody"><div id="comment_body_4074"><p>Say nothing but good '
              'things on the way out.</p></div></div></div></li>')
    body = (f"<article><h1>Exit interviews</h1><p>The story, long enough to be a post.</p></article>"
            f"<ul id='commentlisting'>{record}{record.replace('4074', '4075')}</ul>")
    head = '<meta property="article:published_time" content="2012-07-23T18:00:00+00:00">'
    result = parse(body, head=head, url="https://news.example.org/story/12/07/23/exit-interviews")
    assert [c.published[:16] for c in result.comments] == ["2012-07-23T20:35", "2012-07-23T20:35"]


def test_a_sentence_that_begins_by_is_no_byline() -> None:
    """"By clicking “Post Your Answer”, you agree to our <a>terms of service</a>, <a>privacy
    policy</a> and <a>cookie policy</a>": the links are the sentence's words, no names."""
    body = ('<div id="content"><h1>Wurde versus war</h1><div class="post-text"><p>The question, long enough '
            'to be the post and nothing else, asks which tense is right.</p></div>'
            '<form id="post-form" action="/answer"><textarea name="post-text"></textarea>'
            + "<span>" + "x " * 600 + "</span>"
            + '<p class="privacy-policy-agreement">By clicking “Post Your Answer”, you agree to our '
            '<a href="/legal/terms">terms of service</a>, <a href="/legal/privacy">privacy policy</a> and '
            '<a href="/legal/cookies">cookie policy</a></p></form></div>')
    assert parse(body, url="https://german.example.org/questions/1/wurde-versus-war").article.authors == []


def test_replies_outside_their_comments_element_never_name_the_post() -> None:
    """A reply that stands beside its comment's element (``<li><article/><ul><li><article/>``)
    is taken out of the page with it while the post's fields are read: its
    ``itemprop="author"`` is no byline, nor its date the post's."""
    def item(name: str, stamp: str, text: str) -> str:
        return (f'<article itemscope itemtype="https://schema.org/Comment"><footer><b itemprop="author">{name}</b> '
                f'<time itemprop="datePublished" datetime="{stamp}">{stamp[:10]}</time></footer>'
                f'<div itemprop="text"><p>{text}</p></div></article>')
    thread = ('<ol>'
              + '<li>' + item("Roxanne Sikes", "2021-07-12T15:48:00", "How long do the eggs keep in the fridge?")
              + '<ul><li>' + item("Alexa Blay", "2021-07-16T19:30:08", "About a week in a closed container.")
              + '</li></ul></li>'
              + '<li>' + item("Melinda", "2022-09-23T11:06:00", "Perfect eggs every time, thank you.") + '</li>'
              + '<li>' + item("Beth", "2022-10-01T08:00:00", "Worked in my air fryer as well.") + '</li>'
              + '</ol>')
    body = (f'<article><h1>How to bake eggs</h1><p>Baked eggs, long enough to be the post and nothing else.'
            f'</p></article><section><h2>Comments</h2>{thread}</section>')
    result = parse(body, head='<meta property="article:published_time" content="2019-09-04T11:49:30-04:00">',
                   url="https://lime.example.org/how-to-bake-eggs/")
    assert [c.author for c in result.comments] == ["Roxanne Sikes", "Alexa Blay", "Melinda", "Beth"]
    assert result.article.authors == []
    assert result.article.published == "2019-09-04T11:49:30-04:00"


@pytest.mark.parametrize(("text", "author", "expected"), [
    ("at\n\nsimple. easy. delicious!", "JoAnna", "simple. easy. delicious!"),
    ("Posted on 7/31 at 12:44PM\n\nI don’t see where you used the stock.", "Eleanor", "I don’t see where you used the stock."),
    ("wortgerinnsel sagt:\n\n13. April 2017 um 13:45\n\nSo wahr!", "wortgerinnsel", "So wahr!"),
    ("I baked it at 5:30pm and it was great\n\nThanks!", "Ann", "I baked it at 5:30pm and it was great\n\nThanks!"),
    ("June 5, 2013 was the day I first tried it.", "Ann", "June 5, 2013 was the day I first tried it."),
    ("at", "Ann", "at"),  # nothing else: left as it is
    ("A\n\nIst die Menschenwürde gewährleistet?", "Ann", "A\n\nIst die Menschenwürde gewährleistet?"),  # a word
])
def test_the_pieces_of_a_name_and_date_line_are_no_part_of_the_text(text: str, author: str, expected: str) -> None:
    """Where a record's name-and-date line was not told apart from its text, the pieces
    it leaves at the start ("at", "NAME sagt:", "Posted on 7/31 at 12:44PM") are cut."""
    assert without_leading_meta(text, author, ("en",), "2023-09-11") == expected


@pytest.mark.parametrize(("shown", "name"), [
    ("Author", False), ("Verified Buyer", False), ("Moderator", False), ("Report as abuse", False),
    ("Laura Bashar", True), ("Moderator Mike", True), ("Authority Nutrition", True),
    ("admin", True),  # a user's name on many blogs (the site's first account)
])
def test_a_roles_badge_or_a_button_is_no_commenters_name(shown: str, name: bool) -> None:
    """"Author" beside the post's writer's comments, "Verified Buyer" beside a reviewer's,
    Reuters' "Report as abuse": what a record shows beside its commenter, not a name."""
    assert plausible_name(shown) is name


def test_a_date_line_that_holds_the_whole_record_leaves_its_words() -> None:
    """A note whose only line holds its name, date and words ("@radu Feb 21, 2021 We made
    progress…", Talkyard's progress notes): taking the name line and the date line out of
    its text leaves the words, so the record is signed. The lines used to come out of a
    set of elements in the order of their addresses, and the answer changed from run to run."""
    import lxml.html

    from archiver.parsers import memo
    from archiver.parsers.record import shows_name_and_date
    record = lxml.html.fromstring(
        '<div class="n1"><div class="n2"><a class="n3" href="/-/users/radu">@radu</a> '
        '<span class="n4">Feb 21, 2021</span> We made progress. But we can still be better at it.</div></div>')
    with memo.reading_page():
        assert shows_name_and_date([record], ("en",)) == "@radu"


@pytest.mark.parametrize(("shown", "declared", "same"), [
    ("2024-05-06T11:18:00", "2024-05-06T09:18:34+00:00", True),   # the forum's clock, two hours east of UTC
    ("2024-05-06T04:48:00", "2024-05-06T09:18:34+00:00", True),   # four and a half hours west
    ("2024-05-06T11:19:00", "2024-05-06T09:18:34+00:00", False),  # another minute
    ("2024-05-07T11:18:00", "2024-05-06T09:18:34+00:00", False),  # no zone is 26 hours from UTC
    ("2024-05-06T11:18:00+02:00", "2024-05-06T09:18:34+00:00", True),
    ("2024-05-06T11:18:00", "2024-05-06T11:18", True),
])
def test_a_wall_clock_names_the_minute_of_an_instant_in_some_zone(shown: str, declared: str, same: bool) -> None:
    """A time shown without its zone and a declared instant are one minute when the shown
    clock is the instant's in a zone that exists (whole or half hours from UTC, -12 to +14)."""
    from archiver.parsers.datetext import same_minute
    assert same_minute(shown, declared) is same
    assert same_minute(declared, shown) is same
