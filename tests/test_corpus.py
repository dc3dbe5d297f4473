"""The corpus of real pages with hand-checked truth: its breadth, the parsers' scores on its
tuning and held-out sites, field-by-field agreement on the first twenty pages, and what
must hold on every page (no empty comment, valid items).

Held-out sites are scored, never studied: their test is an aggregate floor, and a failure
names no page. ``python -m tests.corpus_truth`` prints the tuning split page by page and
the held-out split's totals (docs/evaluation.md).
"""

from __future__ import annotations

import json
import re

import pytest

from archiver.validation import schema_errors
from tests.corpus_truth import FIELDS, ORIGINAL_SITES, check, parsed, score, site_of, split_of, truth_files

# Where the archiver and a hand-checked truth file of the first twenty pages disagree, and why.
# Kept as expected failures (strict: they must keep failing until one side changes).
DISAGREEMENTS: dict[tuple[str, str], str] = {}
# The first twenty pages, whose truth predates the new annotations ("annotated_by").
ORIGINAL = [path for path in truth_files() if "annotated_by" not in json.loads(path.read_text("utf-8"))]
CASES = [
    pytest.param(path.name, field, id=f"{site_of(path)}-{field}",
                 marks=[pytest.mark.xfail(strict=True, reason=DISAGREEMENTS[(path.name, field)])]
                 if (path.name, field) in DISAGREEMENTS else [])
    for path in ORIGINAL
    for field in FIELDS
]
# Scores measured on 2026-12-07 over 475 tuning and 249 held-out pages (share of page fields that match); a floor leaves 0.02 of
# room for harmless drift. Raise the measured value when a change raises the score.
MEASURED = {"tune": 0.906, "heldout": 0.830}
ROOM = 0.02


def test_corpus_is_broad() -> None:
    """At least 120 pages from 60 sites on 12 platforms, a third of the new sites held out."""
    paths = truth_files()
    sites = {site_of(path) for path in paths}
    platforms = {json.loads(path.read_text("utf-8")).get("platform") for path in paths} - {None}
    held_out = {site for site in sites if split_of(site) == "heldout"}
    assert len(paths) >= 120
    assert len(sites) >= 60
    assert len(platforms) >= 12
    assert len(held_out) * 4 >= len(sites - ORIGINAL_SITES)


@pytest.mark.parametrize(("truth_name", "field"), CASES)
def test_original_page_field_matches_truth(truth_name: str, field: str) -> None:
    assert check(truth_name, field) == []


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_split_score_does_not_fall(split: str) -> None:
    passed, total, _by_field = score(split, show=False)
    assert passed / total >= MEASURED[split] - ROOM, f"{split}: {passed}/{total} page fields match"


# Tuning pages whose field is right with every class and id word taken away (python -m
# tests.eval.unnamed), measured on 2026-12-07 over 475 tuning pages; the floors leave
# room for harmless drift. Raise them when a change raises a count.
UNNAMED_RIGHT = {"comment_total": 408, "first_comments": 396, "published": 434, "authors": 384, "categories": 350,
                 "tags": 399}
UNNAMED_ROOM = 5


def test_fields_are_found_without_their_names() -> None:
    """Extraction that rests on structure and content, not on a theme's vocabulary: the
    tuning split's comments, dates, bylines, categories and tags with names taken away do not
    fall."""
    from tests.eval.unnamed import scores

    _pages, right = scores("tune", fields=tuple(UNNAMED_RIGHT))
    assert all(right[field] >= floor - UNNAMED_ROOM for field, floor in UNNAMED_RIGHT.items()), right


@pytest.mark.parametrize("truth_name", [
    "laurenslatest.com--christmas-shortbread-cookies-2025.html.truth.json",
    "netzpolitik.org--cider-connection-abmahnungen-2016.html.truth.json",
])
def test_replies_without_a_reply_link_are_found_by_the_shape_of_those_with_one(truth_name: str) -> None:
    """With names taken away, these threads are found from their "Reply to NAME" links; the
    deepest replies show none (WordPress stops at its thread depth) and are records of the
    same shape all the same: every comment the page shows is read."""
    from tests.eval.unnamed import _parsed_renamed

    truth, result = _parsed_renamed(truth_name)
    assert len(result.comments) == truth["comment_count_visible"]


def test_no_comment_is_empty_and_every_item_is_valid() -> None:
    """On every page: each comment has text, each item passes the published schemas."""
    empty = invalid = 0
    for path in truth_files():
        _truth, result = parsed(path.name)
        empty += sum(1 for comment in result.comments if not comment.text.strip())
        invalid += sum(1 for item in result.items() for _error in schema_errors(item.to_dict()))
    assert (empty, invalid) == (0, 0)


@pytest.mark.parametrize("truth_name", [p.name for p in ORIGINAL], ids=[site_of(p) for p in ORIGINAL])
def test_whole_thread_shape_matches_truth(truth_name: str) -> None:
    """On the first twenty pages, beyond the first three comments: every entry's kind and
    the deepest reply level."""
    truth, result = parsed(truth_name)
    kinds: dict[str, int] = {}
    for comment in result.comments:
        kinds[comment.kind] = kinds.get(comment.kind, 0) + 1
    expected = {kind: n for kind, n in truth["comment_count_breakdown"].items() if n}
    assert kinds == expected
    assert max((c.depth for c in result.comments), default=0) == truth["max_comment_depth"]


def test_the_notes_of_a_hidden_comment_form_are_no_comment() -> None:
    """fool.com: after the thread, a hidden box holding the form's textarea has a paragraph
    whose id is a letter and a number (``p#P1``), read as a record inside that box: the
    form's notes ("Your Fool username will be displayed…"), not a comment. The thread's
    last comment, under a date line, is one."""
    truth, result = parsed("fool.com--7-top-stocks-2015-2014.html.truth.json")
    assert not [c for c in result.comments if "will be displayed with your comment" in c.text]
    assert len(result.comments) == truth["comment_count_visible"]
    assert result.comments[-1].author == truth["all_comments"][-1]["author"]


def test_a_pager_and_buttons_under_a_thread_are_no_comment() -> None:
    """guancha.cn: the pager under the thread ("上一页 1 2 下一页") was read as a comment of
    its own, and the buttons of a comment ("收藏", favourite) as a commenter's name."""
    truth, result = parsed("guancha.cn--wang-wen-trade-war-protracted-2019.html.truth.json")
    assert len(result.comments) == truth["comment_count_visible"]
    assert not [c for c in result.comments if "下一页" in c.text or c.author in ("收藏", "回复")]


def _renamed(truth_name: str):
    """A corpus page parsed with its class names and ids taken away (tests.eval.unnamed)."""
    import gzip

    from archiver.page import Page
    from archiver.parsers import parse_page
    from tests.corpus_truth import CORPUS
    from tests.eval.unnamed import renamed
    truth = json.loads((CORPUS / truth_name).read_text("utf-8"))
    body = renamed(gzip.decompress((CORPUS / (truth["file"] + ".gz")).read_bytes()), truth["url"])
    return truth, parse_page(Page(url=truth["url"], body=body))


@pytest.mark.parametrize(("truth_name", "names", "least"), [
    ("kunena.org--forum-statistics-bug-return-value-array-2024.html.truth.json", True, 2),
    ("katzen-forum.net--jede-nacht-verliert-pepe-dreck-fell-2018.html.truth.json", False, 8),
])
def test_a_forum_writers_panel_is_no_part_of_the_posts_text(truth_name: str, names: bool, least: int) -> None:
    """Kunena and XenForo show each writer's panel (name, rank, "Offline", "Mitglied seit")
    beside the post, before its date line: the message after the line is the text (Kunena
    as is, its message column named ``message-published`` like a date; XenForo with the
    names taken away). Each text had begun with the panel's lines."""
    truth, result = parsed(truth_name) if names else _renamed(truth_name)
    wanted = {re.sub(r"\s+", "", want["text_first_60"])[:30] for want in truth["all_comments"]}
    found = [re.sub(r"\s+", "", comment.text)[:30] for comment in result.comments]
    assert sum(text in wanted for text in found) >= least, found


def test_a_forum_topics_first_post_under_a_labelled_heading_is_the_post() -> None:
    """kunena.org: the topic's heading opens with a "Question" badge, and its first post
    shows the declared minute in the forum's clock ("11:18" beside the metadata's
    "09:18:34+00:00"): it is the post, with its writer, not a comment."""
    truth, result = parsed("kunena.org--forum-statistics-bug-return-value-array-2024.html.truth.json")
    assert result.article is not None
    assert (result.article.title, result.article.authors) == (truth["title"], truth["authors"])
    assert [c.author for c in result.comments] == [c["author"] for c in truth["all_comments"]]


@pytest.mark.parametrize("truth_name", [
    "cookingclassy.com--pumpkin-french-toast-2025.html.truth.json",
    "onceuponachef.com--black-bean-corn-salad-2021.html.truth.json",
])
def test_a_short_comment_above_a_footer_of_date_and_reply_keeps_its_words(truth_name: str) -> None:
    """With the names taken away, a comment of a word or two ("Yummy", "Soooo good!!!")
    stands before its footer line (date, "Reply"): it is no writer's panel before a
    message, since the footer holds no message. Each such comment had been dropped as
    one that shows no text."""
    truth, result = _renamed(truth_name)
    wanted = [(want["author"], " ".join(want["text_first_60"].split())[:40]) for want in truth["all_comments"]]
    assert [(c.author, " ".join(c.text.split())[:40]) for c in result.comments] == wanted


def test_a_single_answered_comment_is_part_of_the_run_its_replies_form() -> None:
    """lifestyleofafoodie.com with the names taken away: the thread's one top-level
    comment holds its three replies, the only run of more than one record. The comment
    that holds them shares their tag and first class token and is a record without
    them: it heads the thread. It had been left out."""
    truth, result = _renamed("lifestyleofafoodie.com--air-fryer-frozen-french-fries-2021.html.truth.json")
    wanted = [(want["author"], want["text_first_60"][:20], want["depth"]) for want in truth["all_comments"]]
    assert [(c.author, c.text[:20], c.depth) for c in result.comments] == wanted


def test_two_cited_sources_in_a_footer_are_no_thread() -> None:
    """snopes.com: the article's footer lists its sources, each an italic publication and
    a date after the words ("<em>ABC News</em>. 15 November 2019."), shaped like two short
    comments. A run in a footer needs three records; the page has no comment."""
    _truth, result = parsed("snopes.com--marie-yovanovitch-net-worth-2019.html.truth.json")
    assert result.comments == []


@pytest.mark.parametrize(("truth_name", "names"), [
    ("cookomix.com--risotto-champignons-et-courgettes-2016.html.truth.json", True),
    ("thecookierookie.com--salmon-with-avocado-2021-comment-page-19.html.truth.json", False),
])
def test_a_thread_that_nothing_names_beside_a_stray_named_box_or_in_a_header(truth_name: str, names: bool) -> None:
    """cookomix.com: a tab bar named "my-comment" was the page's only named record, and
    the reviews after it, named in no word the parsers know, were never looked for.
    thecookierookie.com with its names taken away: an unclosed tag leaves the wpDiscuz
    thread inside the entry's ``header``, a place the run finder had not searched."""
    truth, result = parsed(truth_name) if names else _renamed(truth_name)
    assert len(result.comments) == truth["comment_count_visible"]
    pairs = list(zip((c.author for c in result.comments), (c["author"] for c in truth["all_comments"])))
    assert sum(found == wanted for found, wanted in pairs) >= len(pairs) - 1, pairs  # (cookomix's truth keeps
    # one name's trailing dash, "Oliju87-")


@pytest.mark.parametrize("truth_name", [
    "nature.com--fukushima-epic-clean-up-2011.html.truth.json",
    "forksoverknives.com--butternut-mac-and-cheese-broccoli-2020.html.truth.json",
])
def test_the_short_lines_of_a_records_footer_list_are_no_replies(truth_name: str) -> None:
    """With their names taken away: nature.com's comments end in a list of short lines
    ("Report this comment", the date, "Posted by: NAME"), each holding a name or a date
    and twenty characters as a record does; they were read as replies nested in the
    comment, which lost its name line to them. On forksoverknives.com the same took 39 of
    the 125 comments. A list of short lines is the record's footer (a short line beside a
    longer sibling, a date row over the entry it heads, may still be a record)."""
    truth, result = _renamed(truth_name)
    assert len(result.comments) == truth["comment_count_visible"]
    assert [c.author for c in result.comments[:3]] == [c["author"] for c in truth["first_comments"]]
