"""Which comment platforms a page uses, and where their threads are: a pure function.

:func:`detect` reads the page's bytes, its URL and its headers (no DOM: a handful of
byte searches and regexes, well under a millisecond on a blog page) and returns a
:class:`~archiver.platforms.base.Platform` per platform found, with the parameters its
adapter needs: WordPress's REST root and post id, Blogger's blog and post ids, Disqus's
short name and thread identifier, an Isso or Remark42 server, a Discourse topic, a
giscus/utterances repository, a Substack or Ghost post id. Platforms no adapter can read
(Coral, OpenWeb/Spot.IM, Viafoura, Hyvor, Talkyard, Facebook) come back with
``needs_browser`` set, for the browser fallback to render. Markers are data in
:data:`MARKERS`; each platform's parameter reader is one small function below.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from urllib.parse import parse_qs, urljoin, urlsplit

from archiver.platforms.base import Platform

# A platform is looked at only when one of its byte markers is in the page (lower case).
MARKERS: dict[str, tuple[bytes, ...]] = {
    "wordpress": (b"api.w.org", b"wp-content/", b"wp-includes/", b'content="wordpress', b"rel='shortlink'",
                  b'rel="shortlink"'),
    "blogger": (b"blogger.com", b'content="blogger"', b"content='blogger'", b".blogspot."),
    "disqus": (b"disqus",),
    "isso": (b"data-isso", b"isso-thread"),
    "remark42": (b"remark_config", b"remark42"),
    "commento": (b"commento",),
    "discourse": (b"discourseembed", b"discourse-comments"),
    "giscus": (b"giscus",),
    "utterances": (b"utteranc.es",),
    "coral": (b"coral.createstreamembed", b"coral_thread", b"coral-talk", b"coralproject"),
    "openweb": (b"spot.im", b"spotim", b"openweb"),
    "viafoura": (b"viafoura", b"vf-conversations"),
    "hyvor": (b"hyvor",),
    "talkyard": (b"talkyard",),
    "facebook": (b"fb-comments", b"facebook.com/plugins/comments", b"facebook.com/plugins/feedback"),
    "substack": (b"substackcdn.com", b"substack.com/api", b'content="substack'),
    "ghost": (b"data-ghost-comments", b'content="ghost ', b"ghost/comments-ui", b"comments-ui"),
}
# Byte strings that, between them, every marker of the platform holds: when the page
# lacks them all, none of the markers needs its own scan. Each scan reads the whole page
# (~45 µs on a 100 KB page), and most pages use none of these platforms, so a gate shared
# by several markers ("ghost" for three of Ghost's four) saves scans; a gate that is a
# marker itself costs none. A gate is looked for once per page.
MARKER_GATES: dict[str, tuple[bytes, ...]] = {
    "wordpress": (b"api.w.org", b"wp-", b"wordpress", b"shortlink"),
    "blogger": (b"blogger", b".blogspot."),
    "isso": (b"isso",), "remark42": (b"remark",), "discourse": (b"discourse",),
    "coral": (b"coral",), "openweb": (b"spot", b"openweb"),
    "facebook": (b"fb-comments", b"facebook.com/plugins/"), "substack": (b"substack",),
    "ghost": (b"ghost", b"comments-ui"),
}
# The platform's markers under each of its gates (a marker under the first gate it holds).
_GATED: dict[str, tuple[tuple[bytes, tuple[bytes, ...]], ...]] = {
    name: tuple((gate, tuple(m for m in markers if next(g for g in gates if g in m) == gate)) for gate in gates)
    for name, markers in MARKERS.items()
    for gates in [MARKER_GATES.get(name, markers)]
}
assert all(sorted(m for _gate, ms in _GATED[name] for m in ms) == sorted(markers) for name, markers in MARKERS.items())
# Platforms that only a browser can read (no endpoint an adapter uses).
BROWSER_ONLY = frozenset({"coral", "openweb", "viafoura", "hyvor", "talkyard", "facebook"})

_TAG_NAMES = ("link", "script", "div", "section", "meta", "hyvor-talk-comments", "giscus-widget", "body", "article", "a")
_TAG = re.compile(rf"<({'|'.join(_TAG_NAMES)})\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:][-\w:.]*)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_LINK_HEADER = re.compile(r"<([^>]*)>\s*((?:;\s*[\w*-]+\s*=\s*(?:\"[^\"]*\"|[^;,]*)\s*)*)")
_LINK_PARAM = re.compile(r";\s*([\w*-]+)\s*=\s*(\"[^\"]*\"|[^;,]*)")


def _js_string(name: str) -> re.Pattern[str]:
    """``name = 'value'`` / ``name: "value"`` in a script (JS variable or object key)."""
    return _named(name, re.compile(rf"""\b{name}["']?\s*[:=]\s*(["'])((?:\\.|(?!\1).)*?)\1""",
                                   re.IGNORECASE | re.DOTALL))


def _js_value(name: str) -> re.Pattern[str]:
    """A quoted or bare (number) value of ``name`` in a script."""
    return _named(name, re.compile(rf"""\b{name}["']?\s*[:=]\s*(?:(["'])((?:\\.|(?!\1).)*?)\1|(\d+))""",
                                   re.IGNORECASE))


# The name a script pattern starts with, in lower case bytes. A case-blind regex that
# starts with \b is tried at every position of the page (~3 ms on a 300 KB page); the
# name is looked for in the lower-cased bytes first (~0.1 ms), and a page without it is
# done. Four non-ASCII letters match ASCII ones case-blind (İ ı ſ K); a page holding any
# of them is always searched with the pattern.
_PATTERN_NAMES: dict[re.Pattern[str], bytes] = {}
_CASE_VARIANTS = ("\u0130", "\u0131", "\u017f", "\u212a")
_PLAIN_NAME = re.compile(r"(?:\w|\\\.)+", re.ASCII)


def _named(name: str, pattern: re.Pattern[str]) -> re.Pattern[str]:
    if _PLAIN_NAME.fullmatch(name):
        _PATTERN_NAMES[pattern] = name.replace("\\.", ".").lower().encode("ascii")
    return pattern


class _Doc:
    """The page as the readers below see it: text, tags with attributes, Link headers."""

    def __init__(self, url: str, headers: Mapping[str, str], body: bytes, lower: bytes | None = None) -> None:
        self.url = url
        self.body = body
        self.text = body.decode("utf-8", errors="replace")
        self.lower = body.lower() if lower is None else lower
        self.headers = {k.lower(): v for k, v in headers.items()}
        self._tags: list[tuple[str, str]] | None = None
        self._case_variants: bool | None = None
        self._text_lower: str | None = None
        self._named: dict[str, list[dict[str, str]]] = {}

    @property
    def case_variants(self) -> bool:
        """Whether the text holds a non-ASCII letter that a case-blind pattern takes for an ASCII one."""
        if self._case_variants is None:
            self._case_variants = any(c in self.text for c in _CASE_VARIANTS)
        return self._case_variants

    def named(self, name: str) -> list[dict[str, str]]:
        """Attributes of every ``name`` tag (one of ``_TAG_NAMES``), in page order: the
        tags ``_TAG.findall`` gives of that name. Attributes are read only for the names a
        reader asks about (most of a page's tags are ``div`` and ``a``, which few readers
        look at)."""
        found = self._named.get(name)
        if found is None:
            # the pattern over the text for the names of most tags, and where İ ı ſ K may
            # spell a tag's name case-blind
            if name in _COMMON_TAGS or self.case_variants:
                if self._tags is None:
                    self._tags = [(tag.lower(), raw) for tag, raw in _TAG.findall(self.text)]
                raws = [raw for tag, raw in self._tags if tag == name]
            else:
                raws = self._raw_tags(name)
            found = self._named[name] = [_attributes(raw) for raw in raws]
        return found

    def _raw_tags(self, name: str) -> list[str]:
        """What ``_TAG.findall`` gives as the attribute text of each ``name`` tag, from the
        lower-cased bytes: ``<name`` is looked for with ``bytes.find`` (~20 µs a page)
        instead of matching every tag of the page (~0.4 ms). A ``<name`` counts where the
        pattern would match it: the name ends at a word boundary, a ``>`` follows, and no
        match of the pattern that starts earlier holds it (as findall goes left to right,
        that one would start after the last ``>`` before it). The attribute text runs
        between two ASCII bytes, so decoding it alone gives what decoding the page gives."""
        lower = self.lower
        needle = b"<" + name.encode("ascii")
        found: list[str] = []
        at = lower.find(needle)
        while at >= 0:
            after = at + len(needle)
            end = lower.find(b">", after)
            if end < 0:
                break  # no ">" after it: neither this nor a later one is a tag
            if _ends_word(self.body, after) and not self._inside_tag(at):
                found.append(self.body[after:end].decode("utf-8", errors="replace"))
                at = lower.find(needle, end + 1)  # findall goes on after the match
            else:
                at = lower.find(needle, at + 1)
        return found

    def _inside_tag(self, at: int) -> bool:
        """Whether a match of ``_TAG`` that starts between the last ``>`` before ``at`` and
        ``at`` holds ``at`` (a ``<`` inside another tag's attributes, before its ``>``)."""
        lower = self.lower
        start = lower.find(b"<", lower.rfind(b">", 0, at) + 1, at)
        while start >= 0:
            if any(lower.startswith(tag, start + 1) and _ends_word(self.body, start + 1 + len(tag))
                   for tag in _TAG_NAME_BYTES):
                return True
            start = lower.find(b"<", start + 1, at)
        return False

    def tagged(self, name: str, **wanted: str | None) -> list[dict[str, str]]:
        """Attributes of every ``name`` tag whose attributes contain the given values
        (``None``: the attribute is present; a value: contained, case-insensitively)."""
        found = []
        for attrs in self.named(name):
            if all((key in attrs) if value is None else value.lower() in attrs.get(key, "").lower()
                   for key, value in wanted.items()):
                found.append(attrs)
        return found

    def links(self, rel: str) -> list[dict[str, str]]:
        """``<link>`` tags and ``Link`` header entries with ``rel`` among their rel tokens."""
        found = [a for a in self.tagged("link", rel=None) if rel.lower() in a["rel"].lower().split()]
        for url, params in _link_header(self.headers.get("link", "")):
            if rel.lower() in params.get("rel", "").lower().split():
                found.append({**params, "href": url})
        return found

    def absolute(self, href: str) -> str:
        return urljoin(self.url, html.unescape(href.strip()))

    @property
    def text_lower(self) -> str:
        """The text in lower case, index for index (a text holding the one letter whose
        lower case is two, İ, is searched whole: see :attr:`case_variants`)."""
        if self._text_lower is None:
            self._text_lower = self.text.lower()
        return self._text_lower

    def search(self, pattern: re.Pattern[str]) -> str | None:
        name = _PATTERN_NAMES.get(pattern)
        if name is None or self.case_variants:
            match = pattern.search(self.text)
        elif name not in self.lower:
            return None  # (the pattern cannot match where its name is not)
        else:
            match = self._match_at(pattern, name.decode("ascii"))
        if match is None:
            return None
        value = next((g for g in match.groups()[1:] if g is not None), None) if match.lastindex else None
        return _unescape_js(value) if value else None

    def _match_at(self, pattern: re.Pattern[str], name: str) -> re.Match[str] | None:
        """``pattern.search(self.text)`` for a pattern that starts with its ``name``: a
        match starts where the lower-cased text shows the name, so the pattern is tried
        there only, in page order, rather than at every position of the page."""
        lowered = self.text_lower
        at = lowered.find(name)
        while at >= 0:
            match = pattern.match(self.text, at)  # (\b still sees the character before)
            if match is not None:
                return match
            at = lowered.find(name, at + 1)
        return None


# Tags a page has thousands of: one findall of all tags beats a look at each of them.
_COMMON_TAGS = frozenset({"div", "a"})
_TAG_NAME_BYTES = tuple(name.encode("ascii") for name in _TAG_NAMES)


def _ends_word(body: bytes, at: int) -> bool:
    """Whether ``\\b`` matches before the character at byte ``at`` of the decoded text, after
    an ASCII letter: the end of the text, or a character that is no word character (the
    decoder's replacement character for bytes that are no UTF-8 included)."""
    if at >= len(body):
        return True
    byte = body[at]
    char = chr(byte) if byte < 0x80 else body[at:at + 4].decode("utf-8", errors="replace")[0]
    return not (char.isalnum() or char == "_")


def _attributes(text: str) -> dict[str, str]:
    attrs = {}
    for name, value in _ATTR.findall(text):
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        attrs.setdefault(name.lower(), html.unescape(value))
    return attrs


def _link_header(value: str) -> list[tuple[str, dict[str, str]]]:
    entries = []
    for match in _LINK_HEADER.finditer(value or ""):
        params = {k.lower(): v.strip().strip('"') for k, v in _LINK_PARAM.findall(match.group(2))}
        entries.append((match.group(1).strip(), params))
    return entries


def _unescape_js(value: str) -> str:
    return value.replace("\\/", "/").replace('\\"', '"').replace("\\'", "'").strip()


# --- one reader per platform: None when the markers were a false alarm -------------------

_SHORTLINK_ID = re.compile(r"[?&]p=(\d+)")
_JSON_POST_ID = re.compile(r"/wp/v2/(?:posts|pages)/(\d+)")
_BODY_POSTID = re.compile(r"\bpostid-(\d+)\b")
_ARTICLE_POST_ID = re.compile(r"""<article\b[^>]*\bid=["']post-(\d+)["']""", re.IGNORECASE)
_WP_GENERATOR = re.compile(r"""<meta[^>]+content=["']WordPress""", re.IGNORECASE)


def _wordpress(doc: _Doc) -> dict[str, str] | None:
    params: dict[str, str] = {}
    rest = doc.links("https://api.w.org/")
    if rest:
        params["rest_root"] = doc.absolute(rest[0]["href"])
    post_id = _wordpress_post_id(doc)
    if post_id:
        params["post_id"] = post_id
    feed = _comment_feed(doc)
    if feed:
        params["comment_feed"] = feed
    generator = _WP_GENERATOR.search(doc.text) is not None
    if not (params.get("rest_root") or generator or b"wp-content/" in doc.lower or b"wp-includes/" in doc.lower):
        return None
    return params


def _wordpress_post_id(doc: _Doc) -> str | None:
    for link in doc.links("shortlink"):
        match = _SHORTLINK_ID.search(link.get("href", ""))
        if match:
            return match.group(1)
    for link in doc.links("alternate"):
        if "json" in link.get("type", ""):
            match = _JSON_POST_ID.search(link.get("href", "").replace("%2F", "/"))
            if match:
                return match.group(1)
    for attrs in doc.tagged("body", **{"class": "postid-"}):
        match = _BODY_POSTID.search(attrs.get("class", ""))
        if match:
            return match.group(1)
    match = _ARTICLE_POST_ID.search(doc.text)
    return match.group(1) if match else None


def _comment_feed(doc: _Doc) -> str | None:
    """The post's own comment feed (``…/post/feed/``, ``?feed=rss2&p=N``), not the site's."""
    page = urlsplit(doc.url)
    for link in doc.links("alternate"):
        if "rss" not in link.get("type", "") and "atom" not in link.get("type", ""):
            continue
        href = doc.absolute(link.get("href", ""))
        parts = urlsplit(href)
        if parts.netloc != page.netloc:
            continue
        query = parse_qs(parts.query)
        if (page.path not in ("", "/") and parts.path.startswith(page.path.rstrip("/") + "/")
                and parts.path.rstrip("/").endswith(("/feed", "/feed/atom", "/feed/rss2"))):
            return href
        if "feed" in query and "p" in query:
            return href
    return None


_BLOGGER_GENERATOR = re.compile(r"""<meta[^>]+content=["']blogger["']|content=["']blogger["'][^>]*name=["']generator""",
                                re.IGNORECASE)
# Both branches of the generator pattern hold content="blogger" (its letters have no
# non-ASCII case variants): a page whose lower-cased bytes lack it is done without the
# pattern, which is tried at every "<" and "c" of the page (~1 ms on a 100 KB page).
_BLOGGER_CONTENT = (b'content="blogger"', b"content='blogger'")


def _blogger_generator(doc: _Doc) -> bool:
    """Whether the page declares Blogger as its generator."""
    return any(marker in doc.lower for marker in _BLOGGER_CONTENT) and _BLOGGER_GENERATOR.search(doc.text) is not None


_BLOG_ID = (re.compile(r"blogger\.com/feeds/(\d+)/"), re.compile(r"""["']?blogId["']?\s*[:=]\s*["'](\d+)["']"""),
            re.compile(r"tag:blogger\.com,1999:blog-(\d+)"), re.compile(r"[?&]blogID=(\d+)"))
_BLOGGER_POST_ID = (re.compile(r"/feeds/(\d+)/comments/default"), re.compile(r"""["']?postId["']?\s*[:=]\s*["'](\d+)["']"""),
                    re.compile(r"""content=["'](\d+)["']\s+itemprop=["']postId["']"""),
                    re.compile(r"""itemprop=["']postId["']\s+content=["'](\d+)["']"""),
                    re.compile(r"\bpost-body-(\d+)\b"), re.compile(r"[?&]postID=(\d+)"))


def _blogger(doc: _Doc) -> dict[str, str] | None:
    if not (_blogger_generator(doc) or b"blogger.com/feeds/" in doc.lower):
        return None
    params: dict[str, str] = {}
    for pattern in _BLOG_ID:
        match = pattern.search(doc.text)
        if match:
            params["blog_id"] = match.group(1)
            break
    for pattern in _BLOGGER_POST_ID:
        match = pattern.search(doc.text)
        if match:
            params["post_id"] = match.group(1)
            break
    return params


_DISQUS_SCRIPT = re.compile(r"//([\w-]+)\.disqus\.com/(?:embed|count)\.js", re.IGNORECASE)
_DISQUS_SHORTNAME = _js_string("disqus_shortname")
_DISQUS_IDENTIFIER = (_js_value("disqus_identifier"), _js_value(r"this\.page\.identifier"),
                      _js_value(r"page\.identifier"))
_DISQUS_URL = (_js_string("disqus_url"), _js_string(r"this\.page\.url"), _js_string(r"page\.url"))
_DISQUS_TITLE = (_js_string("disqus_title"), _js_string(r"this\.page\.title"))


def _disqus(doc: _Doc) -> dict[str, str] | None:
    shortname = doc.search(_DISQUS_SHORTNAME)
    if not shortname:
        match = _DISQUS_SCRIPT.search(doc.text)
        shortname = match.group(1) if match else None
    if not shortname:
        tagged = doc.tagged("div", **{"data-disqus-shortname": None}) or doc.tagged("a", **{"data-disqus-shortname": None})
        shortname = tagged[0]["data-disqus-shortname"] if tagged else None
    if not shortname and b"disqus_thread" not in doc.lower:
        return None
    params = {"shortname": shortname} if shortname else {}
    for key, patterns in (("identifier", _DISQUS_IDENTIFIER), ("url", _DISQUS_URL), ("title", _DISQUS_TITLE)):
        for pattern in patterns:
            value = doc.search(pattern)
            if value and not value.startswith(("window.", "document.", "location.")):
                params[key] = value
                break
    for attrs in doc.tagged("div", **{"data-disqus-identifier": None}) + doc.tagged("a", **{"data-disqus-identifier": None}):
        params.setdefault("identifier", attrs["data-disqus-identifier"])
    params.setdefault("url", doc.url)
    return params


def _isso(doc: _Doc) -> dict[str, str] | None:
    scripts = doc.tagged("script", **{"data-isso": None})
    server = scripts[0]["data-isso"] if scripts else None
    if not server:
        for attrs in doc.tagged("script", src="embed"):
            if "isso" in attrs.get("src", ""):
                server = attrs["src"].split("/js/embed")[0]
                break
    if not server:
        return None
    params = {"server": doc.absolute(server.rstrip("/") + "/")}
    thread = doc.tagged("section", id="isso-thread") or doc.tagged("div", id="isso-thread")
    params["uri"] = (thread[0].get("data-isso-id") if thread else None) or urlsplit(doc.url).path or "/"
    return params


_REMARK_HOST = _js_string("host")
_REMARK_SITE = _js_string("site_id")
_REMARK_URL = _js_string("url")
_REMARK_CONFIG = re.compile(r"remark_config\s*=\s*\{(.*?)\}", re.IGNORECASE | re.DOTALL)


def _remark42(doc: _Doc) -> dict[str, str] | None:
    match = _REMARK_CONFIG.search(doc.text)
    if match is None:
        return None
    config = match.group(1)
    host = _REMARK_HOST.search(config)
    if host is None:
        return None
    site = _REMARK_SITE.search(config)
    url = _REMARK_URL.search(config)
    return {"host": _unescape_js(host.group(2)).rstrip("/"), "site_id": _unescape_js(site.group(2)) if site else "remark",
            "url": _unescape_js(url.group(2)) if url else doc.url.split("#")[0]}


def _commento(doc: _Doc) -> dict[str, str] | None:
    for attrs in doc.tagged("script", src="commento"):
        src = doc.absolute(attrs["src"])
        if not src.rstrip("/").endswith("commento.js"):
            continue
        origin = src.split("/js/commento.js")[0]
        if "//cdn.commento.io" in origin:
            origin = origin.replace("//cdn.commento.io", "//commento.io")
        page = urlsplit(doc.url)
        return {"origin": attrs.get("data-origin") or origin, "domain": page.netloc,
                "path": attrs.get("data-page-id") or page.path or "/"}
    return None


_DISCOURSE = re.compile(r"DiscourseEmbed\s*=\s*\{(.*?)\}", re.IGNORECASE | re.DOTALL)


def _discourse(doc: _Doc) -> dict[str, str] | None:
    match = _DISCOURSE.search(doc.text)
    if match is None:
        return None
    config = match.group(1)
    forum = _js_string("discourseUrl").search(config)
    if forum is None:
        return None
    params = {"forum": _unescape_js(forum.group(2)).rstrip("/") + "/"}
    embed = _js_string("discourseEmbedUrl").search(config)
    params["embed_url"] = _unescape_js(embed.group(2)) if embed else doc.url.split("#")[0]
    topic = _js_value("topicId").search(config)
    if topic:
        params["topic_id"] = topic.group(2) or topic.group(3)
    return params


def _giscus(doc: _Doc) -> dict[str, str] | None:
    for attrs in doc.tagged("script", src="giscus") + doc.tagged("giscus-widget"):
        repo = attrs.get("data-repo") or attrs.get("repo")
        if repo:
            params = {"repo": repo, "mapping": attrs.get("data-mapping") or attrs.get("mapping") or "pathname"}
            for key in ("term", "category", "category-id", "repo-id", "strict"):
                value = attrs.get(f"data-{key}") or attrs.get(key)
                if value:
                    params[key.replace("-", "_")] = value
            params.setdefault("term", _term(doc, params["mapping"]))
            return params
    return None


def _utterances(doc: _Doc) -> dict[str, str] | None:
    for attrs in doc.tagged("script", src="utteranc.es"):
        if attrs.get("repo"):
            params = {"repo": attrs["repo"]}
            if attrs.get("issue-number"):
                params["issue_number"] = attrs["issue-number"]
            else:
                params["mapping"] = attrs.get("issue-term") or "pathname"
                params["term"] = _term(doc, params["mapping"])
            return params
    return None


def _term(doc: _Doc, mapping: str) -> str:
    """The discussion/issue search term giscus and utterances derive from the page."""
    if mapping == "url":
        return doc.url.split("#")[0]
    if mapping in ("title", "og:title"):
        metas = doc.tagged("meta", property="og:title")
        if metas and metas[0].get("content"):
            return metas[0]["content"]
        match = re.search(r"<title[^>]*>(.*?)</title>", doc.text, re.IGNORECASE | re.DOTALL)
        return html.unescape(match.group(1)).strip() if match else ""
    if mapping in ("pathname", ""):
        return urlsplit(doc.url).path.strip("/")  # utterances and giscus drop the slashes
    return mapping  # utterances: a fixed issue term


_SUBSTACK_POST_ID = re.compile(r"""\\*["']post\\*["']\s*:\s*\{\s*\\*["']id\\*["']\s*:\s*(\d+)""")
_SUBSTACK_POST_ID_2 = re.compile(r"""\\*["']post_id\\*["']\s*:\s*(\d+)""")


def _substack(doc: _Doc) -> dict[str, str] | None:
    match = _SUBSTACK_POST_ID.search(doc.text) or _SUBSTACK_POST_ID_2.search(doc.text)
    if match is None and b"substackcdn.com" not in doc.lower:
        return None
    page = urlsplit(doc.url)
    params = {"site": f"{page.scheme}://{page.netloc}"}
    if match:
        params["post_id"] = match.group(1)
    return params


_GHOST_GENERATOR = re.compile(r"""<meta[^>]+content=["']Ghost \d""", re.IGNORECASE)


def _ghost(doc: _Doc) -> dict[str, str] | None:
    for attrs in doc.tagged("script", **{"data-ghost-comments": None}):
        params = {"site": doc.absolute(attrs["data-ghost-comments"]).rstrip("/")}
        if attrs.get("data-post-id"):
            params["post_id"] = attrs["data-post-id"]
        return params
    if _GHOST_GENERATOR.search(doc.text) and b"comments-ui" in doc.lower:
        page = urlsplit(doc.url)
        return {"site": f"{page.scheme}://{page.netloc}"}
    return None


def _coral(doc: _Doc) -> dict[str, str] | None:
    params = {}
    for key in ("rootURL", "storyID", "storyURL"):
        value = doc.search(_js_string(key))
        if value:
            params[key.lower()] = value
    return params if params or b"coral_thread" in doc.lower else None


_SPOT_ID = re.compile(r"(sp_[A-Za-z0-9]+)")


def _openweb(doc: _Doc) -> dict[str, str] | None:
    match = _SPOT_ID.search(doc.text)
    if match is None and b"data-spotim-module" not in doc.lower:
        return None
    params = {"spot_id": match.group(1)} if match else {}
    for attrs in doc.tagged("div", **{"data-post-id": None}):
        params["post_id"] = attrs["data-post-id"]
        break
    return params


def _viafoura(doc: _Doc) -> dict[str, str] | None:
    return {} if b"viafoura" in doc.lower or b"<vf-conversations" in doc.lower else None


def _hyvor(doc: _Doc) -> dict[str, str] | None:
    params: dict[str, str] = {}
    for attrs in doc.tagged("hyvor-talk-comments"):
        for key in ("website-id", "page-id"):
            if attrs.get(key):
                params[key.replace("-", "_")] = attrs[key]
    website = doc.search(_js_value("HYVOR_TALK_WEBSITE"))
    if website:
        params.setdefault("website_id", website)
    return params if params or b"talk.hyvor.com" in doc.lower else None


def _talkyard(doc: _Doc) -> dict[str, str] | None:
    server = doc.search(_js_string("talkyardServerUrl"))
    params = {"server": server} if server else {}
    for attrs in doc.tagged("div", **{"class": "talkyard-comments"}):
        if attrs.get("data-discussion-id"):
            params["discussion_id"] = attrs["data-discussion-id"]
    return params if params or b"talkyard-comments" in doc.lower else None


def _facebook(doc: _Doc) -> dict[str, str] | None:
    for attrs in doc.tagged("div", **{"class": "fb-comments"}):
        return {"href": attrs.get("data-href") or doc.url.split("#")[0]}
    return {"href": doc.url.split("#")[0]} if b"facebook.com/plugins/" in doc.lower else None


READERS: dict[str, Callable[[_Doc], dict[str, str] | None]] = {
    "wordpress": _wordpress, "blogger": _blogger, "disqus": _disqus, "isso": _isso, "remark42": _remark42,
    "commento": _commento, "discourse": _discourse, "giscus": _giscus, "utterances": _utterances,
    "coral": _coral, "openweb": _openweb, "viafoura": _viafoura, "hyvor": _hyvor, "talkyard": _talkyard,
    "facebook": _facebook, "substack": _substack, "ghost": _ghost,
}


class _Presence:
    """Whether a byte string is in the lower-cased page or its Link headers, each string
    looked for once (gates are shared, and a gate may be a marker itself)."""

    def __init__(self, lower: bytes, link_bytes: bytes) -> None:
        self.lower = lower
        self.link_bytes = link_bytes
        self.known: dict[bytes, bool] = {}

    def __call__(self, needle: bytes) -> bool:
        known = self.known.get(needle)
        if known is None:
            known = self.known[needle] = needle in self.lower or needle in self.link_bytes
        return known


def detect(url: str, headers: Mapping[str, str] | None, body: bytes | str) -> list[Platform]:
    """The comment platforms of the page at ``url``, in :data:`MARKERS` order.

    ``headers`` are the response headers (any case; WordPress announces its REST root
    and short link in ``Link``). A page may use several (a WordPress blog with Disqus).
    """
    data = body.encode("utf-8") if isinstance(body, str) else body
    lower = data.lower()
    link_header = " ".join(v for k, v in (headers or {}).items() if k.lower() == "link").lower()
    doc: _Doc | None = None
    found = []
    link_bytes = link_header.encode()
    present = _Presence(lower, link_bytes)
    for name, gated in _GATED.items():
        if not any(present(gate) and any(present(marker) for marker in markers) for gate, markers in gated):
            continue
        doc = doc or _Doc(url, headers or {}, data, lower)
        params = READERS[name](doc)
        if params is not None:
            found.append(Platform(name, params, needs_browser=name in BROWSER_ONLY))
    return found
