"""WordPress comments from the REST API, else the post's comment feed.

``GET <root>wp/v2/comments?post=ID&per_page=100&orderby=id&order=asc`` returns every
approved comment of type ``comment`` to an anonymous caller, with its parent and both
dates; ``X-WP-Total`` / ``X-WP-TotalPages`` give the thread's size and the page count, so
pages 2..N are asked for at once after the first. ``_fields`` keeps avatar URLs (e-mail
hashes) out of the answer, and so out of the WARC. A site that blocks ``/wp-json/``
often still answers ``/?rest_route=/wp/v2/comments``; that is tried next, then the
post's comment feed (RSS/Atom: the newest comments only, usually ten; a reply names its parent in a first
"In reply to" line since WordPress 5.4, older feeds give no parents).
Pingbacks and trackbacks are never in the anonymous API: they come from the HTML.
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from archiver.platforms.base import (
    Platform,
    SourceError,
    SourceRequest,
    SourceResponse,
    SourceResult,
    header_int,
    html_text,
    iso_utc,
    with_offset,
)
from archiver.parsers.text import text_of

PLATFORM = "wordpress"
OFFICIAL = True
PER_PAGE = 100
FIELDS = "id,post,parent,author_name,author_url,date,date_gmt,content,link,type,status"
_COMMENT_ID = re.compile(r"#comment-(\d+)|[?&]comment_id=(\d+)|[?&]c=(\d+)")


def first_requests(platform: Platform, page_url: str, config: Any) -> list[SourceRequest]:
    """The REST API's first page when the page names its root and post id; else the
    comment feed the page links; else nothing."""
    params = platform.params
    post_id, root, feed = params.get("post_id"), params.get("rest_root"), params.get("comment_feed")
    if post_id and root:
        form = "rest_route" if "rest_route=" in root else "pretty"
        return [rest_request(root, post_id, 1, form, feed)]
    if feed:
        return [feed_request(feed)]
    return []


def rest_request(root: str, post_id: str, page: int, form: str, feed: str | None) -> SourceRequest:
    query = {"post": post_id, "per_page": PER_PAGE, "page": page, "orderby": "id", "order": "asc", "_fields": FIELDS}
    if form == "rest_route":
        parts = urlsplit(root)
        url = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(
            {"rest_route": "/wp/v2/comments", **query}), ""))
    else:
        url = root.rstrip("/") + "/wp/v2/comments?" + urlencode(query)
    return SourceRequest(url, PLATFORM, "rest", headers={"Accept": "application/json"},
                         context={"root": root, "post_id": post_id, "page": page, "form": form, "feed": feed})


def feed_request(feed: str) -> SourceRequest:
    return SourceRequest(feed, PLATFORM, "feed", headers={"Accept": "application/rss+xml, application/atom+xml"})


def _site_root(root: str) -> str:
    """The site's front page URL from a REST root (``…/wp-json/`` or ``…/?rest_route=/``)."""
    parts = urlsplit(root)
    path = parts.path
    if "/wp-json" in path:
        path = path[: path.index("/wp-json")] + "/"
    return urlunsplit((parts.scheme, parts.netloc, path or "/", "", ""))


def parse(response: SourceResponse, config: Any = None) -> SourceResult:
    if response.request.step == "feed":
        return parse_feed(response)
    return parse_rest(response)


def parse_rest(response: SourceResponse) -> SourceResult:
    context = response.request.context
    try:
        data = response.ok_json()
        if not isinstance(data, list):
            raise SourceError(f"not a list of comments ({type(data).__name__}: {str(data)[:100]})")
    except SourceError as error:
        return _rest_failed(response, str(error))
    result = SourceResult(declared=header_int(response.headers, "X-WP-Total"))
    for entry in data:
        if isinstance(entry, dict):
            comment = _rest_comment(response, entry)
            if comment is None:
                result.dropped += 1
            else:
                result.comments.append(comment)
    pages = header_int(response.headers, "X-WP-TotalPages") or 1
    if context["page"] == 1:
        result.follow = [rest_request(context["root"], context["post_id"], page, context["form"], context.get("feed"))
                         for page in range(2, pages + 1)]
    return result


def _rest_failed(response: SourceResponse, error: str) -> SourceResult:
    """The first page failed: ``?rest_route=`` next, then the comment feed."""
    context = response.request.context
    result = SourceResult(error=error)
    if context["page"] != 1:
        return result
    if context["form"] == "pretty":
        result.follow = [rest_request(_site_root(context["root"]), context["post_id"], 1, "rest_route",
                                      context.get("feed"))]
    elif context.get("feed"):
        result.follow = [feed_request(context["feed"])]
    return result


def _rest_comment(response: SourceResponse, entry: dict[str, Any]) -> Any:
    content = entry.get("content")
    rendered = content.get("rendered") if isinstance(content, dict) else content
    text = html_text(rendered if isinstance(rendered, str) else "")
    if not text or entry.get("id") is None:
        return None
    kind = entry.get("type") if entry.get("type") in ("pingback", "trackback") else "comment"
    return response.comment(
        str(entry["id"]), author=_text(entry.get("author_name")), author_url=_text(entry.get("author_url")),
        published=with_offset(_text(entry.get("date")), _text(entry.get("date_gmt"))), text=text,
        parent_id=response.scoped(entry.get("parent")), page_url=_text(entry.get("link")), kind=kind)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def parse_feed(response: SourceResponse) -> SourceResult:
    """A comment feed: the newest comments (no parents; the HTML or API gives those)."""
    import feedparser  # imported here: only feed answers need it

    if response.status != 200:
        return SourceResult(error=f"HTTP {response.status}")
    feed = feedparser.parse(response.body)
    if not feed.entries:
        why = f"not a feed ({feed.bozo_exception})" if feed.bozo else "no entries"
        return SourceResult(error=why)
    result = SourceResult()
    for entry in feed.entries:
        number = _feed_comment_id(entry)
        content = entry.get("content")
        body = content[0].get("value") if content else entry.get("summary") or entry.get("description")
        parent, text = _reply_line(body or "")
        if number is None or not text:
            result.dropped += 1
            continue
        result.comments.append(response.comment(
            number, author=_text(entry.get("author")), published=_feed_date(entry), text=text,
            page_url=_text(entry.get("link")), parent_id=response.scoped(parent)))
    return result


def _reply_line(body: str) -> tuple[str | None, str]:
    """The parent's id and the text of a feed item: WordPress 5.4+ starts a reply's feed
    text with "In reply to <a href="…#comment-N">NAME</a>." (in the site's language), a
    first paragraph that is only that link and a few words."""
    try:
        root = lxml.html.fragment_fromstring(body, create_parent="div")
    except (etree.ParserError, ValueError):
        return None, html_text(body)
    first = next(iter(root), None)
    if first is not None and first.tag == "p":
        links = first.findall(".//a")
        match = _COMMENT_ID.search(links[0].get("href", "")) if len(links) == 1 else None
        if match and len(first.text_content()) - len(links[0].text_content()) < 40:
            root.remove(first)
            return next(group for group in match.groups() if group), text_of(root)
    return None, text_of(root)


def _feed_comment_id(entry: Any) -> str | None:
    for value in (entry.get("id"), entry.get("guid"), entry.get("link")):
        match = _COMMENT_ID.search(value or "")
        if match:
            return next(group for group in match.groups() if group)
    return None


def _feed_date(entry: Any) -> str | None:
    raw = entry.get("published") or entry.get("updated")
    if not raw:
        return None
    try:
        return parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError):
        return iso_utc(raw)
