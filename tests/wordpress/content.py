"""What the test WordPress holds: authors, posts and comments, written out as fixed data.

The seeding is deterministic (fixed texts, fixed local dates, a seeded generator for the
shape of the long threads) so that the same site comes out on every run and a failure
can be reproduced. The content is chosen to exercise what trips extraction on real
WordPress sites:

* a site timezone that is not UTC (Europe/Berlin) and posts and comments on both sides of
  both 2023 DST changes, so a date read without its offset, or with the wrong one, shows;
* a staff byline ("Gazette Staff") and an author name with an apostrophe;
* category and tag names with ``&``;
* commenter names with ``&``, apostrophes and non-ASCII letters, comment texts with
  quotes, several paragraphs, inline markup and a bare URL;
* threads four deep, and posts with enough top-level comments to span three comment
  pages at five threads a page;
* pingbacks and trackbacks (with a name and a URL) among the comments;
* held, spam and trashed comments that the site must not show and the crawl must not find;
* one post split into three pages, written as the block editor saves it (paragraph blocks
  and Page Break blocks, ``<!--nextpage-->`` inside): block themes link the pages of such a
  post only, classic themes any post with ``<!--nextpage-->``.

:func:`site_spec` returns a JSON-ready dict that ``php/seed.php`` turns into the site.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

SITE_TITLE = "The Lakeside Gazette"
TIMEZONE = "Europe/Berlin"
COMMENTS_PER_PAGE = 5
POSTS_PER_PAGE = 5
THREAD_DEPTH = 5  # WordPress's own default; our deepest reply is at depth 4

AUTHORS = [
    {"login": "staff", "display_name": "Gazette Staff", "first_name": "", "last_name": ""},
    {"login": "sobrien", "display_name": "Siobhán O'Brien", "first_name": "Siobhán", "last_name": "O'Brien"},
    {"login": "mnowak", "display_name": "Marek Nowak", "first_name": "Marek", "last_name": "Nowak"},
]

CATEGORIES = ["Politics", "Science & Tech", "Local News", "Culture"]

COMMENTERS = [
    ("Tom & Jerry Fan", ""),
    ("Zoë Müller", "https://zoe.example.org/"),
    ("Patrick O'Malley", ""),
    ("Ana", "http://ana-blog.example.net/about/"),
    ("Dr. Jürgen Schmidt", ""),
    ("Käthe", ""),
    ("mike_k", "https://example.com/~mike"),
    ("Renée Lefèvre", ""),
    ("J. Okafor", ""),
    ("night owl", ""),
]

SENTENCES = [
    "I was at the meeting and this matches what I heard.",
    "Does anyone know when the minutes will be published?",
    "Thanks for writing this up, it's clearer than the council's own summary.",
    "The numbers in the third paragraph don't add up for me.",
    "My street has had the same problem since last winter.",
    "Fair point, but the \"pilot\" was never meant to run for a full year.",
    "Costs & benefits should both be on the table before anyone votes.",
    "I'd like to see the source for that claim.",
    "This is the first time the paper has covered it properly.",
    "Same here: two letters to the district office, no answer.",
    "Let's not pretend this is new; it came up in 2019 as well.",
    "Good reporting. More of this, please.",
]

# The long threads: (post slug, top-level comments, replies) generated with a fixed seed.
LONG_THREADS = {
    "council-budget-winners-and-losers": (13, 9),
    "tram-line-extension-approved": (12, 7),
    "night-trains-return": (11, 6),
    "heat-pumps-explained": (7, 4),
}

# Posts: slug, title, author login, local date, categories, tags, body paragraphs.
POSTS: list[dict[str, Any]] = [
    {"slug": "new-year-concert-review", "title": "New Year concert: a review",
     "author": "mnowak", "date": "2023-01-15 20:45:00", "categories": ["Culture"], "tags": ["music", "Berlin"],
     "body": ["The orchestra opened with a brisk overture.", "The second half belonged to the choir."]},
    {"slug": "council-budget-winners-and-losers", "title": "Council's budget: winners & losers",
     "author": "sobrien", "date": "2023-02-10 09:05:00", "categories": ["Politics", "Local News"],
     "tags": ["budget", "council"],
     "body": ["The council passed its budget late on Thursday.", "Libraries gain, roads lose."]},
    {"slug": "tram-line-extension-approved", "title": "Tram line extension approved",
     "author": "staff", "date": "2023-03-20 18:30:00", "categories": ["Local News"], "tags": ["transport"],
     "body": ["The extension adds four stops.", "Construction starts in spring."]},
    {"slug": "clocks-go-forward", "title": "Clocks go forward tonight",
     "author": "staff", "date": "2023-03-25 22:15:00", "categories": ["Local News"], "tags": ["time"],
     "body": ["Summer time starts at two o'clock.", "Set your clocks one hour ahead."]},
    {"slug": "heat-pumps-explained", "title": "Heat pumps, explained",
     "author": "mnowak", "date": "2023-03-26 09:40:00", "categories": ["Science & Tech"],
     "tags": ["energy", "Q&A"],
     "body": ["A heat pump moves heat rather than making it.", "Efficiency depends on the temperature gap."]},
    {"slug": "the-long-read-our-river", "title": "The long read: our river",
     "author": "sobrien", "date": "2023-05-14 07:00:00", "categories": ["Culture", "Science & Tech"],
     "tags": ["river", "history"],
     "pages": [
         ["Page one: the river rises in the hills north of town.", "Mills lined its banks by 1850."],
         ["Page two: the floods of 1903 changed everything.", "A new embankment followed within a decade."],
         ["Page three: today the river is cleaner than it has been for a century."],
     ]},
    {"slug": "summer-festival-programme", "title": "Summer festival programme",
     "author": "staff", "date": "2023-06-21 12:00:00", "categories": ["Culture"], "tags": ["music", "festival"],
     "body": ["Forty acts on three stages.", "Tickets go on sale on Monday."]},
    {"slug": "night-trains-return", "title": "Night trains return",
     "author": "mnowak", "date": "2023-08-08 06:20:00", "categories": ["Science & Tech", "Local News"],
     "tags": ["transport", "rail"],
     "body": ["The sleeper to Vienna runs again from December.", "Fares start at 39 euros."]},
    {"slug": "election-candidates-announced", "title": "Election candidates announced",
     "author": "sobrien", "date": "2023-09-30 16:45:00", "categories": ["Politics"], "tags": ["elections"],
     "body": ["Seven candidates will stand for mayor.", "Two are new to local politics."]},
    {"slug": "last-summer-evening", "title": "The last summer evening",
     "author": "staff", "date": "2023-10-28 23:50:00", "categories": ["Local News"], "tags": ["time"],
     "body": ["Clocks go back an hour tonight.", "Enjoy the extra hour of sleep."]},
    {"slug": "first-winter-morning", "title": "First morning of winter time",
     "author": "mnowak", "date": "2023-10-29 08:10:00", "categories": ["Local News"], "tags": ["time"],
     "body": ["It was light at seven again.", "Commuters noticed the darker evenings first."]},
    {"slug": "mayor-debate-recap", "title": "Mayoral debate: \"we can't wait\" – a recap",
     "author": "sobrien", "date": "2023-11-12 21:30:00", "categories": ["Politics"], "tags": ["elections", "council"],
     "body": ["The debate ran for ninety minutes.", "Housing dominated the first hour."]},
]


PAGE_BREAK = "<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->"


def _paragraph_block(text: str) -> str:
    return f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->"


def _local(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")


def _fmt(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _long_thread(slug: str, start: datetime, top_level: int, replies: int) -> list[dict[str, Any]]:
    """``top_level`` threads and ``replies`` replies (one chain four deep) for one post,
    three hours apart from ``start``; ``random.Random(slug)`` picks authors and parents,
    so the thread is the same on every run."""
    rng = random.Random(slug)
    comments: list[dict[str, Any]] = []
    when = start
    tops: list[str] = []
    for n in range(top_level):
        when += timedelta(hours=3, minutes=rng.randrange(0, 50))
        name, url = COMMENTERS[rng.randrange(len(COMMENTERS))]
        key = f"{slug}/t{n + 1}"
        comments.append({"key": key, "author": name, "url": url, "date": _fmt(when),
                         "content": f"{SENTENCES[n % len(SENTENCES)]} (#{n + 1} on {slug})"})
        tops.append(key)
    # A reply chain four deep under the second thread, then replies under random threads.
    parent = tops[1]
    for depth in (2, 3, 4):
        when += timedelta(hours=2, minutes=rng.randrange(0, 50))
        key = f"{slug}/d{depth}"
        comments.append({"key": key, "parent": parent, "author": COMMENTERS[depth][0], "url": COMMENTERS[depth][1],
                         "date": _fmt(when), "content": f"Replying at depth {depth}: I'm not so sure. ({slug})"})
        parent = key
    for n in range(replies - 3):
        when += timedelta(hours=1, minutes=rng.randrange(0, 50))
        name, url = COMMENTERS[rng.randrange(len(COMMENTERS))]
        comments.append({"key": f"{slug}/r{n + 1}", "parent": tops[rng.randrange(len(tops))],
                         "author": name, "url": url, "date": _fmt(when),
                         "content": f"Reply {n + 1}: {SENTENCES[(n + 5) % len(SENTENCES)]}"})
    comments.sort(key=lambda c: c["date"])
    return comments


def _special_comments() -> dict[str, list[dict[str, Any]]]:
    """Hand-written comments: tricky names and texts, pings, and comments that must stay hidden."""
    return {
        "new-year-concert-review": [
            {"key": "c1", "author": "Tom & Jerry Fan", "url": "", "date": "2023-01-16 08:00:00",
             "content": "Loved it & so did my \"grumpy\" neighbour.\n\nSecond paragraph: the encore was <em>too short</em>."},
            {"key": "c2", "parent": "c1", "author": "Patrick O'Malley", "url": "https://omalley.example.org/",
             "date": "2023-01-16 09:30:00", "content": "Couldn't agree more; see https://example.org/setlist for the list."},
            {"key": "c3", "author": "Zoë Müller", "url": "", "date": "2023-01-17 10:00:00",
             "content": "Shame about the acoustics in row 20 – the brass was lost.", "approved": "0"},
            {"key": "c4", "author": "cheap pills", "url": "http://spam.example.com/", "date": "2023-01-17 11:00:00",
             "content": "Buy now!!! Best prices", "approved": "spam"},
        ],
        "clocks-go-forward": [
            {"key": "c1", "author": "night owl", "url": "", "date": "2023-03-26 01:55:00",
             "content": "Five minutes to go before the hour disappears."},
            {"key": "c2", "parent": "c1", "author": "Käthe", "url": "", "date": "2023-03-26 03:05:00",
             "content": "And it's gone. Good night!"},
        ],
        "the-long-read-our-river": [
            {"key": "c1", "author": "Dr. Jürgen Schmidt", "url": "", "date": "2023-05-14 11:11:00",
             "content": "My grandfather remembered the 1903 flood stories."},
            {"key": "p1", "author": "River Friends » Our river in the news", "type": "pingback",
             "url": "https://riverfriends.example.org/2023/05/our-river-in-the-news/", "date": "2023-05-15 07:30:00",
             "content": "[...] the Gazette's long read on the river is well worth your time [...]"},
        ],
        "summer-festival-programme": [
            {"key": "t1", "author": "Local Music Blog", "type": "trackback",
             "url": "https://music.example.net/festival-preview/", "date": "2023-06-22 10:00:00",
             "content": "<strong>Festival preview</strong>\n\nOur picks from the summer festival line-up."},
            {"key": "c1", "author": "Renée Lefèvre", "url": "", "date": "2023-06-22 12:00:00",
             "content": "Is the third stage step-free this year?"},
            {"key": "c2", "author": "Ana", "url": "", "date": "2023-06-22 13:00:00",
             "content": "Deleted by the author.", "approved": "trash"},
        ],
        "election-candidates-announced": [
            {"key": "c1", "author": "mike_k", "url": "https://example.com/~mike", "date": "2023-09-30 18:00:00",
             "content": "Seven is a lot. Will there be a run-off?"},
            {"key": "c2", "parent": "c1", "author": "J. Okafor", "url": "", "date": "2023-09-30 19:00:00",
             "content": "Yes, if nobody gets 50%."},
            {"key": "c3", "parent": "c2", "author": "mike_k", "url": "https://example.com/~mike",
             "date": "2023-09-30 19:30:00", "content": "Thanks."},
            {"key": "c4", "parent": "c1", "author": "Ana", "url": "", "date": "2023-09-30 20:00:00",
             "content": "Waiting for moderation, never to be seen.", "approved": "0"},
        ],
        "last-summer-evening": [
            {"key": "c1", "author": "night owl", "url": "", "date": "2023-10-29 01:30:00",
             "content": "Half past one, summer time, for the last time this year."},
            {"key": "c2", "author": "Käthe", "url": "", "date": "2023-10-29 09:00:00",
             "content": "Slept the extra hour. Bliss."},
        ],
        "mayor-debate-recap": [
            {"key": "c1", "author": "Tom & Jerry Fan", "url": "", "date": "2023-11-12 22:00:00",
             "content": "Candidate 3's answer on rents was the only concrete one."},
            {"key": "p1", "author": "Civic Watch", "type": "pingback", "url": "https://civicwatch.example.org/debate/",
             "date": "2023-11-13 08:00:00", "content": "[...] as the Lakeside Gazette's recap shows [...]"},
        ],
    }


def _with_pings(slug: str, comments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One pingback, one trackback and one held comment among a long thread's comments."""
    if slug != "tram-line-extension-approved":
        return comments
    last = comments[-1]["date"]
    return comments + [
        {"key": f"{slug}/ping", "author": "Transit Blog » Tram news roundup", "type": "pingback",
         "url": "https://transit.example.org/2023/04/roundup/", "date": _fmt(_local(last) + timedelta(hours=1)),
         "content": "[...] the Gazette reports the extension was approved [...]"},
        {"key": f"{slug}/track", "author": "Rail Fans Weekly", "type": "trackback",
         "url": "https://railfans.example.net/weekly/42/", "date": _fmt(_local(last) + timedelta(hours=2)),
         "content": "<strong>Weekly 42</strong>\n\nThe tram extension and what it means for the S-Bahn."},
        {"key": f"{slug}/held", "author": "Anonymous", "url": "", "date": _fmt(_local(last) + timedelta(hours=3)),
         "content": "This one waits for a moderator.", "approved": "0"},
        {"key": f"{slug}/spam", "author": "SEO Expert", "url": "http://seo.example.com/",
         "date": _fmt(_local(last) + timedelta(hours=4)), "content": "Great post! Visit my site.", "approved": "spam"},
    ]


def _check_local_time(value: str) -> None:
    """Refuse a local time that does not exist (spring gap) or exists twice (autumn
    overlap) in the site's timezone: WordPress would have to guess its instant."""
    local = _local(value)
    zone = ZoneInfo(TIMEZONE)
    earlier, later = local.replace(tzinfo=zone, fold=0), local.replace(tzinfo=zone, fold=1)
    if earlier.utcoffset() != later.utcoffset():
        raise ValueError(f"{value} is not one unambiguous instant in {TIMEZONE}")


def site_spec() -> dict[str, Any]:
    """The whole site as seed.php reads it: options, users, categories, posts with comments."""
    special = _special_comments()
    posts = []
    for post in POSTS:
        slug = post["slug"]
        if slug in LONG_THREADS:
            top_level, replies = LONG_THREADS[slug]
            comments = _with_pings(slug, _long_thread(slug, _local(post["date"]), top_level, replies))
        else:
            comments = [dict(c, key=f"{slug}/{c['key']}", parent=f"{slug}/{c['parent']}" if "parent" in c else None)
                        for c in special.get(slug, [])]
        if "pages" in post:
            content = f"\n\n{PAGE_BREAK}\n\n".join(
                "\n\n".join(_paragraph_block(text) for text in page) for page in post["pages"])
        else:
            content = "\n\n".join(post["body"])
        posts.append({
            "slug": slug, "title": post["title"], "author": post["author"], "date": post["date"],
            "categories": post["categories"], "tags": post["tags"], "content": content,
            "comments": [{"parent": None, "type": "comment", "approved": "1", **c} for c in comments],
        })
    for post in posts:
        _check_local_time(post["date"])
        for comment in post["comments"]:
            _check_local_time(comment["date"])
    return {
        "options": {
            "blogname": SITE_TITLE,
            "blogdescription": "News from the lake shore",
            "timezone_string": TIMEZONE,
            "posts_per_page": POSTS_PER_PAGE,
            "page_comments": 1,
            "comments_per_page": COMMENTS_PER_PAGE,
            "thread_comments": 1,
            "thread_comments_depth": THREAD_DEPTH,
            "use_smilies": 0,
        },
        "permalink_structure": "/%year%/%monthnum%/%day%/%postname%/",
        "authors": AUTHORS,
        "categories": CATEGORIES,
        "posts": posts,
    }
