"""The post's tags, categories and author-archive links, told apart by where they point.

Themes mark label links loosely: WordPress puts ``rel="category tag"`` on category links,
some themes put ``rel="tag"`` on everything, others no ``rel`` at all inside a "Tags:"
block. Two signals are more reliable than the markup around a link:

* the post element's own classes (``category-kultur tag-kolumne``, WordPress
  ``post_class()``) name the slugs of exactly this post's terms, so a link whose last path
  segment is one of them is that kind of term, and a label link pointing elsewhere (a
  sidebar or teaser leaking in) is dropped;
* without them, the archive base in the URL (``/category/``, ``/tag/``, ``/etiqueta/``…).

Links to an author archive (``/author/``, ``/autor/``) in a label list are bylines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from lxml.html import HtmlElement

from archiver.dates import looks_like_date
from archiver.parsers.declaredtrail import declared_trail
from archiver.parsers.hints import words
from archiver.parsers.memo import remembered
from archiver.parsers.scope import PostScope
from archiver.parsers.site import declared_names, host_names, off_site
from archiver.parsers.text import collapse, goes_somewhere, inline_text
from archiver.parsers.titles import declared_titles, fold
from archiver.parsers.xpath import attached, class_index, document_order, fast_xpath

# Label links: rel-marked links, or any link inside a theme's tag/category block.
BLOCKS = frozenset({"tags-links", "post-tags", "entry-tags", "tag-links", "st-post-tags", "cat-links",
                    "post-categories", "entry-categories"})
_LINK_RELS = frozenset({"tag", "category"})


def label_links(tree: HtmlElement) -> list[HtmlElement]:
    """Links with ``rel~=tag``/``rel~=category`` and links inside label blocks, in page order.
    Blocks come from the class index (eight class-token tests in XPath on every element
    cost ~2.5 ms on a 95 KiB page); rel-marked links from an XPath that only tests that
    ``rel`` and ``href`` exist (cheap in libxml2, unlike ``contains()``), the token test
    is then done in Python on those few."""
    index = class_index(tree)
    found: list[HtmlElement] = [
        link for link in _REL_LINKS(tree) if not _LINK_RELS.isdisjoint((link.get("rel") or "").split())
    ]
    blocks = [block for token in BLOCKS & index.tokens for block in index.with_class(token) if attached(block, tree)]
    if not blocks:
        return found
    found.extend(link for block in blocks for link in block.iterdescendants("a") if link.get("href") is not None)
    return document_order(found)


# A block whose class names a list of labels in the plural ("article-tags", "tagsWrap",
# "post-topics", "news-tags", "relatedTopics"). The plural tells the list from WordPress's
# per-term classes on the post element ("tag-politik"), a cloud or widget is a site's index.
_TAG_LIST_WORDS = frozenset({"tags", "keywords", "schlagworte", "schlagwoerter", "stichworte",
                             "etiquetas", "tagi", "tagged", "topics", "themen"})
_NOT_TAG_LIST_WORDS = frozenset({"cloud", "widget", "popular", "trending", "menu", "nav", "has", "no", "follow",
                                 "sidebar", "footer", "header", "all", "navbar", "featured"})
# Words that name a box of other posts' labels together ("more-like-this__categories").
_MORE_LIKE = frozenset({"more", "like"})
_TAG_LIST_STEMS = ("tag", "keyword", "schlagw", "stichw", "etiquet", "topic", "themen")
_TAG_LIST_TAGS = frozenset({"div", "ul", "ol", "li", "p", "nav", "section", "span", "footer", "aside", "dl"})


def tag_list_links(tree: HtmlElement, main: HtmlElement | None = None) -> list[HtmlElement]:
    """Links inside blocks named as a list of tags, in page order. A block named only for
    "topics" is weaker evidence (sites call their sections, menus and panels of related
    teasers topics too): it must stand in the post element, or, on a page that marks none,
    be short (a post's own topics are a handful; a panel of related ones is not)."""
    index = class_index(tree)
    named = {block: kind for token in index.tokens if (kind := _names_tag_list(token))
             for block in index.with_class(token) if block.tag in _TAG_LIST_TAGS and attached(block, tree)}
    links: list[HtmlElement] = []
    for block, kind in named.items():
        if any(a in named for a in block.iterancestors()):
            continue  # the outermost named block: a wrapper's inner list is the same list
        links_in = [a for a in block.iter("a") if a.get("href") is not None and _LABEL_TEXT.search(a.text_content())]
        members = [a for a in links_in if goes_somewhere(a)]  # not the "Show more" button among them
        if block.tag == "li" and len(members) < 2:
            continue  # a menu's entry named for the tag index ("<li class="tags"><a>Tags</a>"), not a list
        text = len(inline_text(block))  # what it shows: not a <style> the block carries
        linked = sum(len(" ".join(a.text_content().split())) for a in links_in)
        if kind == "topics" and not (main is not None and any(a is main for a in block.iterancestors())
                                     or main is None and len(members) <= _FEW_TOPICS):
            continue
        if members and len(members) <= _CLOUD and linked * 2 >= text and not _in_menu(block, nav_tag=False):
            links.extend(members)  # a list of links, not a section nor a menu's "Topics" panel
    return document_order(links) if links else []


_LABEL_TEXT = re.compile(r"\w\W?\w", re.UNICODE)  # two letters or digits: "Q&A" too, not an icon's "»"
_FEW_TOPICS = 12


# A block whose class names the post's categories ("bdaia-category", "cb-category",
# "category_links", "post-cats") or, neutrally, its terms or taxonomies (Elementor's
# "post-info__terms-list", Customizr's "tax__container", Kadence's "entry-taxonomies"; not
# Drupal's "taxonomy-term" fields, which hold author terms too), whose links say by their
# address which kind they are.
_CATEGORY_BLOCK_WORDS = frozenset({"category", "categories", "cats", "kategorie", "kategorien", "rubrik", "rubriken",
                                   "categoria", "categorias", "categorie", "rubrique", "rubriques"})
_TERMS_BLOCK_WORDS = frozenset({"terms", "tax", "taxonomies"})
_NOT_CATEGORY_BLOCK_WORDS = _NOT_TAG_LIST_WORDS | {"item", "object", "type", "count", "description", "title", "page",
                                                   "archive", "filter", "select", "dropdown"}
_CATEGORY_STEMS = ("cat", "kategor", "rubri", "terms", "tax")
_MAX_BLOCK_LINKS = 6
_MAX_BLOCK_TEXT = 160


def category_block_links(tree: HtmlElement, categories: set[str], tags: set[str],
                         headline: HtmlElement | None = None) -> dict[HtmlElement, str]:
    """Links of small blocks named for the post's categories or terms, with their kind.

    A block qualifies when it is a short run of links (at most six, their text at least
    half of the block's), so the post element's own ``category-news`` class or a category
    index never does; and when its name marks at most two blocks of the page outside menus
    (the post's categories are shown once, perhaps again below the post; a name on every
    teaser or menu column is not the post's, unless it stands beside the post's
    ``headline``, in the header they share). Where its links' addresses tell their kind
    (``/tag/``, ``/category/``, the post's term classes) the block is of the kind most of
    them have; otherwise of the kind its name says ("terms" says none)."""
    index = class_index(tree)
    found: dict[HtmlElement, str] = {}
    for token in index.tokens:
        named = _names_category_block(token)
        if named is False:
            continue
        blocks = [(block, members) for block in index.with_class(token) if (members := _link_run(block, tree))]
        if len(blocks) > 2:  # the name of every teaser's labels too: the one in the post's header
            header = headline.getparent() if headline is not None else None
            blocks = [(block, members) for block, members in blocks if header is not None and block.getparent() is header]
        runs = [members for _block, members in blocks]
        if not runs or len(runs) > 2:
            continue
        for members in runs:
            kinds = [kind_of(link, categories, tags) for link in members]
            known = [kind for kind in kinds if kind in ("category", "tag")]
            default = max(("category", "tag"), key=known.count) if known else named
            for link, kind in zip(members, kinds, strict=True):
                if kind or default:
                    found.setdefault(link, kind or default)
    return found


def _link_run(block: HtmlElement, tree: HtmlElement) -> list[HtmlElement]:
    """The links of ``block`` when it is a short run of links outside any menu, else []."""
    if block.tag in ("a", "body", "html", "article") or not attached(block, tree):
        return []
    members = [a for a in block.iter("a") if a.get("href") is not None and _LABEL_TEXT.search(a.text_content())]
    if not members or len(members) > _MAX_BLOCK_LINKS:
        return []
    whole = " ".join(block.text_content().split())
    linked = sum(len(" ".join(a.text_content().split())) for a in members)
    lead = whole.split(" ".join(members[0].text_content().split()), 1)[0].strip()  # the words before the first link
    text = len(whole) - (len(lead) if _LEAD_LABEL.fullmatch(lead) else 0)  # "Posted in <a>Culture</a>"
    if text > _MAX_BLOCK_TEXT or linked * 2 < text or _in_menu(block):
        return []
    return members


# What a block of labels may say before its first link, colon or not.
_LEAD_LABEL = re.compile(
    r"(?:posted|filed|published|categori[sz]ed|classé|classée|publié|publiée|abgelegt|veröffentlicht|archivado|"
    r"publicado)?\s*(?:in|under|dans|unter|en)?\s*(?:categor(?:y|ies)|kategorien?|catégories?|categorías?|tags?|"
    r"tagged|schlagw[öo]rter|étiquettes|etiquetas)?\s*:?",
    re.IGNORECASE,
)


# Names of the site's menus ("mega-menu-sub-wrap", "navbar", "sub-menu"). A bare "nav" is
# left out: themes use it loosely ("pageNav" around a post's labels, "nav-below-header" on
# the body).
_MENU_WORDS = frozenset({"menu", "navbar", "navigation", "megamenu", "submenu", "dropdown"})


def _in_menu(el: HtmlElement, nav_tag: bool = True) -> bool:
    """Whether ``el`` sits in a site menu: an ancestor named for one, or (``nav_tag``) a ``nav``."""
    for ancestor in el.iterancestors():
        if ancestor.tag in ("body", "html"):
            return False
        if nav_tag and ancestor.tag == "nav":
            return True
        name = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if name.strip() and _MENU_WORDS.intersection(words(name)):
            return True
    return False


# The words a block's name glues a label word to ("posttags", "postcats", "entrytag").
_LABEL_GLUE_HEADS = ("post", "entry", "article", "blog", "news", "single")


def _label_words(token: str) -> set[str]:
    """The words of a class token, a label word glued to the thing it labels split off
    ("posttags" -> post, tags)."""
    parts = set(words(token))
    for word in list(parts):
        for head in _LABEL_GLUE_HEADS:
            if word.startswith(head) and len(word) > len(head) + 2:
                parts.add(word[len(head):])
    return parts


@lru_cache(maxsize=4096)
def _names_category_block(token: str) -> str | None | bool:
    """"category" for a category block name, None for a terms block, False otherwise."""
    lowered = token.lower()
    if not any(stem in lowered for stem in _CATEGORY_STEMS):
        return False
    parts = _label_words(token)
    if parts & _NOT_CATEGORY_BLOCK_WORDS or _MORE_LIKE <= parts:
        return False
    if parts & _CATEGORY_BLOCK_WORDS:
        return "category"
    return None if parts & _TERMS_BLOCK_WORDS else False


_TOPIC_WORDS = frozenset({"topics", "themen"})


@lru_cache(maxsize=4096)
def _names_tag_list(token: str) -> str | None:
    """"tags" for a name of a tag list, "topics" for one named only for topics, else None."""
    lowered = token.lower()
    if not any(stem in lowered for stem in _TAG_LIST_STEMS):  # most tokens: no word split needed
        return None
    parts = _label_words(token)
    if not parts & _TAG_LIST_WORDS or parts & _NOT_TAG_LIST_WORDS:
        return None
    return "tags" if parts & (_TAG_LIST_WORDS - _TOPIC_WORDS) else "topics"


_REL_LINKS = fast_xpath("//a[@rel][@href]")
_TAG_BLOCK = re.compile(r"tag", re.IGNORECASE)
AUTHOR_BASES = frozenset({"author", "autor", "autorin", "auteur", "autore", "authors", "autoren"})
TAG_BASES = frozenset({"tag", "tags", "etiqueta", "etiquetas", "schlagwort", "stichwort", "article_tag", "topic",
                       "mot", "mots", "mot-cle", "mots-cles"})  # SPIP's keywords ("mots-clés")
CATEGORY_BASES = frozenset({"category", "categories", "categoria", "categorie", "kategorie", "rubrik", "cat"})
_LABEL_TRIM = " ,;·|•»›>/\u00a0"
_HOME_WORDS = frozenset({"home", "homepage", "home page", "start", "startseite", "accueil", "inicio", "portada",
                         "главная", "strona główna", "página inicial", "news home"})
# The links to a reader's account a forum puts at the head of its trail ("Register · Log In · Forums › …").
_ACCOUNT_WORDS = frozenset({"register", "log in", "login", "sign in", "sign up", "log out", "logout", "anmelden",
                            "registrieren", "abmelden", "s'inscrire", "se connecter", "connexion", "inscription"})


@dataclass
class Labels:
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)


def post_terms(post: HtmlElement | None) -> tuple[set[str], set[str]]:
    """Category and tag slugs named by the post element's ``category-*`` / ``tag-*`` classes."""
    categories: set[str] = set()
    tags: set[str] = set()
    for token in (post.get("class") or "").split() if post is not None else []:
        if token.startswith("category-"):
            categories.add(unquote(token[9:]).lower())
        elif token.startswith("tag-"):
            tags.add(unquote(token[4:]).lower())
    return categories, tags


def parent_categories(post: HtmlElement | None, categories: set[str]) -> set[str]:
    """The parents of the post's categories, as its own category links name them in a
    hierarchical address (``/category/recipes/breakfast/`` for ``category-breakfast``):
    WordPress gives the post element the classes of its assigned categories only, and
    themes show the parents beside them ("Recipes, Breakfast")."""
    parents: set[str] = set()
    if post is None or not categories:
        return parents
    for link in post.iter("a"):
        segments = _path(link.get("href") or "")
        base = next((i for i, segment in enumerate(segments[:-2]) if segment in CATEGORY_BASES), None)
        if base is not None and segments[-1] in categories:
            parents.update(segments[base + 1:-1])
    return parents


def _path(href: str) -> list[str]:
    try:
        path = urlsplit(href).path
    except ValueError:
        return []
    path = re.sub(r"^/web/\d+[a-z_]*/[a-z]+:/+[^/]+", "", path)  # Wayback Machine prefix
    return [unquote(part).lower() for part in path.split("/") if part]


def kind_of(link: HtmlElement, categories: set[str], tags: set[str]) -> str | None:
    """``"category"``, ``"tag"``, ``"author"`` or None (not one of this post's labels)."""
    segments = _path(link.get("href") or "")
    if any(s in AUTHOR_BASES for s in segments[:-1]):
        return "author"
    slug = re.sub(r"\.html?$", "", segments[-1]) if segments else ""
    if categories or tags:
        if slug in categories and slug not in tags:
            return "category"
        if slug in tags and slug not in categories:
            return "tag"
        if slug not in tags:
            return None
    if any(s in CATEGORY_BASES for s in segments[:-1]):
        return "category"
    if any(s in TAG_BASES for s in segments[:-1]):
        return "tag"
    rel = (link.get("rel") or "").split()
    if "category" in rel:
        return "category"
    if "tag" in rel:
        return "tag"
    return _block_kind(link)


def _block_kind(link: HtmlElement) -> str | None:
    for el in link.iterancestors():
        classes = el.get("class") or ""
        if "cat-links" in classes or "categor" in classes:
            return "category"
        if _TAG_BLOCK.search(classes):
            return "tag"
    return None


def clean_label(text: str) -> str:
    return text.strip(_LABEL_TRIM).strip()


def _without_hashes(tags: list[str]) -> list[str]:
    """Labels without the hash a theme prints before every one of them ("#budget,
    #council"), tags or categories alike; where only some have one, it is a part of
    their names ("#elenão", "wahlen2018")."""
    if tags and all(tag[:1] == "#" and tag[1:2].isalnum() for tag in tags):
        return [tag[1:] for tag in tags]
    return tags


def post_labels(tree: HtmlElement, scope: PostScope) -> Labels:
    """The post's tags, categories and author-archive names, each list in page order
    (worked out once per page: the WordPress and visible layers both ask)."""
    found = remembered(("post_labels", tree, scope.root, scope.main), lambda: _post_labels(tree, scope))
    return Labels(list(found.tags), list(found.categories), list(found.authors))


def _post_labels(tree: HtmlElement, scope: PostScope) -> Labels:
    categories, tags = post_terms(scope.main)
    categories |= parent_categories(scope.main, categories)
    found = Labels()
    seen: set[tuple[str, str]] = set()
    labelled = labelled_links(scope)
    listed = set(tag_list_links(tree, scope.main))
    headings = [h1 for h1 in tree.iter("h1") if scope.belongs(h1)]
    blocks = category_block_links(tree, categories, tags, headings[0] if len(headings) == 1 else None)
    links = document_order(list({*scope.filter(list({*label_links(tree), *labelled, *blocks})),
                                 *scope.filter(list(listed), allow_nav=True)}))  # <nav class="article-tags">
    for link in _not_clouds(links):
        kind = labelled.get(link) or kind_of(link, categories, tags)
        if kind is None and link in listed and not (categories or tags):
            kind = "tag"
        if kind is None and not (categories or tags):
            kind = blocks.get(link)
        label = clean_label(inline_text(link))
        if not kind or not label or label.lower() in _ACTION_LABELS or _dated(label):
            continue  # (a date or a month's archive, "3/09/15 8:00am", is no label)
        segments = _path(link.get("href") or "")
        key = (kind, segments[-1] if (categories or tags) and segments else label)
        if key in seen:
            continue
        seen.add(key)
        target = {"category": found.categories, "tag": found.tags, "author": found.authors}[kind]
        if label not in target:
            target.append(label)
    if not found.tags:
        for label in _archive_run_labels(tree, scope, headings, "tag"):
            if label not in found.categories:
                found.tags.append(label)
    found.tags[:] = _without_hashes(found.tags)
    found.categories[:] = _without_hashes(found.categories)
    return found


def archive_categories(tree: HtmlElement, scope: PostScope, tags: list[str]) -> list[str]:
    """The post's categories from a block of links to category archives that nothing
    names (``/category/beauty/``): the last resort, where neither a named block, a
    breadcrumb nor a kicker gives any."""
    headings = [h1 for h1 in tree.iter("h1") if scope.belongs(h1)]
    return [label for label in _archive_run_labels(tree, scope, headings, "category") if label not in tags]


def _archive_run_labels(tree: HtmlElement, scope: PostScope, headings: list[HtmlElement], kind: str) -> list[str]:
    labels: list[str] = []
    for link in _archive_run(tree, scope, headings[0] if len(headings) == 1 else None, kind):
        label = clean_label(inline_text(link))
        if label and label not in labels and not _dated(label):
            labels.append(label)
    return labels


_BASE_IN_PATH = {
    "tag": re.compile("/(?:" + "|".join(sorted(map(re.escape, TAG_BASES))) + ")/", re.IGNORECASE),
    "category": re.compile("/(?:" + "|".join(sorted(map(re.escape, CATEGORY_BASES))) + ")/", re.IGNORECASE),
}
_BASES = {"tag": TAG_BASES, "category": CATEGORY_BASES}
_LEAST = {"tag": 2, "category": 1}  # (a post is filed in one category as often as in several; one tag is a weak sign)
_FEW_CATEGORIES = 4  # (more categories in a block are the site's list of them)


def _archive_run(tree: HtmlElement, scope: PostScope, headline: HtmlElement | None, kind: str) -> list[HtmlElement]:
    """The links of a list of tags (or categories) that nothing names or labels, known by
    where its links go: every link of one block goes to a tag's archive (``/tag/rust/``,
    ``/blog/tags/python/``; at least two) or a category's (``/category/beauty/``), and the
    block shows little besides them. The first such block in the post's part of the page
    after its headline (one before it is the site's menu of topics or a bar of trending
    ones); a lead-in that names the other kind ("Posted in" before tags) rules it out."""
    if headline is None:
        return []
    bases, least, most = _BASES[kind], _LEAST[kind], _CLOUD if kind == "tag" else _FEW_CATEGORIES
    blocks: dict[HtmlElement, list[HtmlElement]] = {}
    # only where the headline is: inside the element under <body> that holds it (a block
    # that only <body> shares with the headline is in another part of the page, a footer)
    top = next((el for el in (headline, *headline.iterancestors())
                if (parent := el.getparent()) is not None and parent.tag in ("body", "html")), None)
    if top is None:
        return []
    block_of: dict[HtmlElement, HtmlElement | None] = {}  # a link's parent -> its block, found once
    search = _BASE_IN_PATH[kind].search
    for link in top.iter("a"):
        if search(link.get("href") or ""):  # (most links of a page go elsewhere)
            parent = link.getparent()
            if parent not in block_of:
                block_of[parent] = label_block(link)
            if (block := block_of[parent]) is not None:
                blocks.setdefault(block, []).append(link)
    before: set[HtmlElement] | None = None  # the elements before the headline, when first needed
    for block, links in blocks.items():
        if not least <= len(links) <= most or _in_page_region(block) or _in_menu(block, nav_tag=False) \
                or _of_other_posts(block) or not scope.belongs(block) \
                or kind == "category" and not _few_categories(block, search):
            continue  # (the cheap tests first: a sidebar's or a menu's list of tags ends here)
        links = [a for a in links if len(segments := _path(a.get("href") or "")) >= 2
                 and any(segment in bases for segment in segments[:-1])]
        shown = [a for a in links if _LABEL_TEXT.search(shown_text := a.text_content())
                 and len(shown_text.split()) <= _LABEL_WORDS  # (a teaser's headline is no label)
                 and not _MORE_LINK.search(shown_text)]  # (nor a box's "More Videos »")
        if not least <= len(shown) <= most:
            continue
        others = [a for a in block.iter("a") if a.get("href") and a not in links and goes_somewhere(a)]
        linked = sum(len(collapse(a.text_content())) for a in shown)
        if len(others) > 1 or linked * 2 < len(inline_text(block)):
            continue
        lead = collapse(block.text_content()).split(collapse(shown[0].text_content()), 1)[0].strip(_LABEL_TRIM)
        if lead and (match := _LABEL.match(lead + ":")) and match.group("tag" if kind == "category" else "category"):
            continue  # "Posted in" heads them: categories, whatever their archive is called (and "Tags:" tags)
        if before is None:
            before = set()
            for el in tree.iter():
                if el is headline:
                    break
                before.add(el)
        if block not in before:
            return shown
    return []


def label_block(link: HtmlElement) -> HtmlElement | None:
    """The block a label link (a tag, a category, a byline's name) stands in: its nearest
    block, or the block around that when the nearest holds the link alone (one tag per
    ``li`` of a list, per ``div`` of Drupal's field items)."""
    block = next((el for el in link.iterancestors() if el.tag in _BLOCK_TAGS), None)
    if block is None or collapse(block.text_content()) != collapse(link.text_content()):
        return block
    parent = block.getparent()
    return parent if parent is not None and parent.tag in _BLOCK_TAGS else block


_LABEL_WORDS = 6
# A box's link to more of a kind ("More Videos »", "Alle anzeigen"), not a label.
_MORE_LINK = re.compile(r"^\s*(?:more|see all|view all|show all|mehr|weitere|plus de|voir tout|más|ver todo|altri)\s"
                        r"|[»›→]\s*$", re.IGNORECASE)


def _few_categories(block: HtmlElement, search) -> bool:
    """Whether a block of category links is a post's few, not one entry of the site's
    list of categories: no list element holds it, and the blocks around it (two levels up)
    link no more than a few categories (a grid of one button per category links many)."""
    if block.tag in ("ul", "ol", "li") or (parent := block.getparent()) is None or parent.tag in ("ul", "ol"):
        return False
    around = parent if (grandparent := parent.getparent()) is None else grandparent  # (two levels: buttons in columns)
    return sum(1 for a in around.iter("a") if search(a.get("href") or "")) <= _FEW_CATEGORIES


# Words that name a box of other posts or of other people's searches ("relatedsearches",
# "similar_posts"), whose tags are theirs.
_OTHER_POSTS_WORDS = ("related", "similar", "popular", "trending", "recommend")


def _in_page_region(block: HtmlElement) -> bool:
    """Whether ``block`` is in the page's own header, footer, menu or aside, not one of the
    post's (``<footer class="entry-footer">`` inside the article is the post's)."""
    for el in block.iterancestors():
        if el.tag in ("article", "main"):
            return False
        if el.tag in ("footer", "header", "nav", "aside"):
            return not any(up.tag in ("article", "main") for up in el.iterancestors())
    return False


def _of_other_posts(block: HtmlElement) -> bool:
    """Whether ``block`` or one of its four nearest holders is named for other posts."""
    for el in (block, *list(block.iterancestors())[:4]):
        name = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if any(word in name for word in _OTHER_POSTS_WORDS):
            return True
    return False


# WordPress's words for "Tags" and "Categories" in Japanese, Chinese, Korean and Russian.
_NON_LATIN_TAG_WORDS = "タグ|标签|標籤|標簽|태그|метки|теги"
_NON_LATIN_CATEGORY_WORDS = "カテゴリー|カテゴリ|分类|分類|카테고리|рубрики|рубрика|категории|категория"
# A label the page puts before a list of links: it says what the links are.
_LABEL = re.compile(
    r"^\s*(?:[|·•,;/–—-]\s*)?(?:(?P<tag>tags?|tagged(?:\s+with)?|topics?|more\s+on|more\s+about|keywords?|schlagw[öo]rter|"
    r"stichw[öo]rter|themen|étiquettes|mots[- ]cl[ée]s|etiquetas|palabras\s+clave|labels?|parole\s+chiave|"
    + _NON_LATIN_TAG_WORDS + r")"
    r"|(?P<category>filed\s+(?:under|in|to)|posted\s+(?:in|under)|categori[sz]ed\s+(?:in|under|as)|"
    r"abgelegt\s+(?:unter|in)|veröffentlicht\s+in|class[ée]e?\s+dans|publi[ée]e?\s+dans|(?:archivado|publicado)\s+en|"
    r"categor(?:y|ies)|kategorien?|rubriken?|catégories?|categori[ae]s?|kategori(?:a|er)?|"
    r"categorías?|sections?|ressorts?|in|" + _NON_LATIN_CATEGORY_WORDS + r"))\s*[:：]\s*$",
    re.IGNORECASE,
)
_MAX_LABELLED = 40
_YEAR_OR_CLOCK = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\d[:/.]\d")


def _dated(label: str) -> bool:
    """Whether a label is a date with its year or numbers ("3/09/15 8:00am", "2021 年 4 月",
    "September 2021"): a date's archive, not a section. A holiday is a section ("4th of July")."""
    return looks_like_date(label) and _YEAR_OR_CLOCK.search(label) is not None
# Buttons that sit among label links ("Social media · 6443 followers · Follow").
_ACTION_LABELS = frozenset({"follow", "unfollow", "subscribe", "more", "share", "see all", "view all", "folgen",
                            "suivre", "abonnieren", "all topics", "alle themen", "tous les sujets", "todos los temas",
                            "back to blog", "back", "zurück", "retour", "volver", "mehr themen", "more topics"})


def labelled_links(scope: PostScope) -> dict[HtmlElement, str]:
    """Links that follow a label in the post ("Tags:", "More on:", "Filed under:",
    "Schlagwörter:"), with the kind the label names, up to the end of the label's block."""
    root = scope.main if scope.main is not None else scope.root
    found: dict[HtmlElement, str] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        bare = _bare_label(el) if el.tag in _LABEL_TAGS else None  # (no other tag is a bare label)
        if bare is not None and scope.belongs(el):
            for link in _siblings_after(el):
                if link not in found and link.get("href") and "#" not in (link.get("href") or ""):
                    found[link] = bare
            continue
        text, tail = _last_piece(el.text), _last_piece(el.tail)
        if not (text and len(text) <= 30 and ":" in text) and not (tail and len(tail) <= 30 and ":" in tail):
            continue  # (the test below, before its pairs are built: most elements of a post hold no label)
        for text, following in ((text, _inside_after_text), (tail, _siblings_after)):
            if not text or len(text) > 30 or ":" not in text:
                continue
            match = _LABEL.match(text)
            if match is None:
                continue
            kind = "tag" if match.group("tag") else "category"
            if following is _siblings_after and el.getnext() is None and _label_box(el.getparent()):
                following = _after_box  # "<label><i class='icon'></i>Tags:</label> <a>…"
            for link in following(el):
                href = link.get("href") or ""
                # not "3 comments" (#comments), nor the post's permalink (rel=bookmark) at the end of the line
                if link not in found and href and "#" not in href and "bookmark" not in (link.get("rel") or ""):
                    found[link] = kind
    return found


def _last_piece(text: str | None) -> str | None:
    """The last piece of a meta line's text, after its last separator: the label that
    heads the links after it ("05/10/2018 - Publicado por: NAME - Categoria: " ends in
    "Categoria: ")."""
    if not text or len(text) <= 30 or not text.rstrip().endswith((":", "：")):
        return text  # (a label ends in its colon: most texts, a paragraph's, are no label)
    pieces = _LINE_SEPARATOR.split(text)
    return pieces[-1] if len(pieces) > 1 else text


_LINE_SEPARATOR = re.compile(r"\s[|·•–—-]\s")


# A label element with no colon (``<span class="label">Tags</span>``, ``<dt>Schlagwörter</dt>``):
# only the words that say tags or categories, not "Topics" or "More on", which head lists
# of other posts as often.
_BARE_LABEL = re.compile(
    r"^\s*(?:(?P<tag>tags?|tagged|keywords?|schlagw[öo]rter|stichw[öo]rter|étiquettes|mots[- ]cl[ée]s|etiquetas|"
    r"palabras\s+clave|parole\s+chiave|tagi|" + _NON_LATIN_TAG_WORDS + r")|(?P<category>categor(?:y|ies)|kategorien?|"
    r"rubriken?|catégories?|categorías?|categorie|" + _NON_LATIN_CATEGORY_WORDS + r"))\s*$",
    re.IGNORECASE,
)
_LABEL_TAGS = frozenset({"span", "strong", "b", "em", "dt", "label"})  # not headings: widgets' "Categories"


def _bare_label(el: HtmlElement) -> str | None:
    """"tag" or "category" for an element whose whole text is a label word without a
    colon and that holds no other element but an icon, else None."""
    if el.tag not in _LABEL_TAGS or any(not _icon(child) for child in el):
        return None
    text = el.text_content() if len(el) else el.text
    if not text or len(text) > 30:
        return None
    match = _BARE_LABEL.match(text)
    if match is None:
        return None
    return "tag" if match.group("tag") else "category"


def _icon(el: HtmlElement) -> bool:
    """An icon inside a label (``<i class="fi-price-tag"></i>``, an SVG): no text of its own."""
    return not isinstance(el.tag, str) or el.tag in ("i", "svg", "img") and not (el.text_content() or "").strip()


def _label_box(el: HtmlElement | None) -> bool:
    """An element that holds only a label: its links are after it, not in it."""
    return el is not None and el.tag in _LABEL_TAGS and not any(True for _ in el.iter("a"))


def _after_box(el: HtmlElement) -> list[HtmlElement]:
    parent = el.getparent()
    return _siblings_after(parent) if parent is not None else []


def _inside_after_text(el: HtmlElement) -> list[HtmlElement]:
    """Links in ``el`` (its text being a label) up to the next label in it ("Filed under:
    A, B <br>Tags: C" gives A and B), or, if it holds none, the links after it."""
    links: list[HtmlElement] = []
    for child in el.iterdescendants():
        if child.tag == "a":
            links.append(child)
        if child.tail and len(child.tail) <= 30 and _LABEL.match(child.tail) or len(links) >= _MAX_LABELLED:
            break
    return links if links else _siblings_after(el)


def _siblings_after(el: HtmlElement) -> list[HtmlElement]:
    links: list[HtmlElement] = []
    following = el.getnext()
    while following is not None and len(links) < _MAX_LABELLED:
        if isinstance(following.tag, str):
            if following.tag in ("br", "hr", "p", "div", "h2", "h3", "h4") and links:
                break
            links.extend([following] if following.tag == "a" else following.iter("a"))
            tail = _last_piece(following.tail)
            if links and tail and len(tail) <= 30 and _LABEL.match(tail):
                break  # the next label on the line ("… Categoria: <a>Saúde</a> - Tags: <a>…")
        following = following.getnext()
    return links[:_MAX_LABELLED]


_CLOUD = 25
_BLOCK_TAGS = frozenset({"ul", "ol", "div", "p", "section", "nav", "aside", "footer", "header", "dl", "td"})


def _not_clouds(links: list[HtmlElement]) -> list[HtmlElement]:
    """Label links without those of a block holding more than 25 of them: a site's tag
    cloud or topic index, not this post's labels."""
    blocks: dict[HtmlElement | None, list[HtmlElement]] = {}
    for link in links:
        block = next((a for a in link.iterancestors() if a.tag in _BLOCK_TAGS), None)
        blocks.setdefault(block, []).append(link)
    crowded = {id(link) for members in blocks.values() if len(members) > _CLOUD for link in members}
    return [link for link in links if id(link) not in crowded]


def breadcrumb_categories(tree: HtmlElement, scope: PostScope, page_url: str) -> list[str]:
    """The sections a breadcrumb trail puts the post in: its links between the home page
    and the post itself ("Home » Recipes » Cake Recipes » <post>" gives Recipes and Cake
    Recipes), the categories of a post that shows no category list (worked out once per
    page: the WordPress and visible layers both ask)."""
    return list(remembered(("breadcrumb_categories", tree, scope.root, scope.main, page_url),
                           lambda: _breadcrumb_categories(tree, scope, page_url)))


def _breadcrumb_categories(tree: HtmlElement, scope: PostScope, page_url: str) -> list[str]:
    title = _page_title(tree)
    for trail in breadcrumb_trails(tree):
        if not scope.belongs(trail, allow_nav=True):
            continue
        # schema.org's list inside a box named for the trail is the trail itself: the box
        # may run on into the menus after it (an unclosed <div>)
        trail = next(iter(_BREADCRUMB_LIST(trail)), trail)
        return _trail_labels(tree, _crumbs(trail)[0], page_url, title)
    declared = declared_trail(tree, page_url)  # the line of links the JSON-LD trail goes through
    if declared is not None and scope.belongs(declared, allow_nav=True):
        return _trail_labels(tree, _crumbs(declared)[0], page_url, title)
    for trail in unmarked_trails(tree, page_url, title):
        if scope.belongs(trail, allow_nav=True):
            return _trail_labels(tree, _crumbs(trail)[0], page_url, title)
    return []


Crumb = tuple[str, "HtmlElement | None"]


def _trail_labels(tree: HtmlElement, crumbs: list[Crumb], page_url: str, title: str) -> list[str]:
    """The section labels of a trail's crumbs: those between the home page and the post.
    A last crumb that is no link, or links to the page itself, is the post ("… » Transit
    tax trust rejects …"); a crumb with no link in the middle is a section the site shows
    without an archive page ("Home / News / Business News / <post>")."""
    if crumbs and (crumbs[-1][1] is None or _same_page(crumbs[-1][1], page_url)):
        crumbs = crumbs[:-1]
    first_link = next((i for i, (_, link) in enumerate(crumbs) if link is not None), 0)
    crumbs = crumbs[first_link:]  # words before the first link name the trail ("You are here")
    labels: list[str] = []
    declared, hosts = declared_names(tree), host_names(page_url)
    for text, link in crumbs:
        if link is not None and (not _path(link.get("href") or "") or _same_page(link, page_url)
                                 or _tag_archive(link)):
            continue
        label = clean_label(_YOU_ARE_HERE.sub("", text))
        if not label or label.endswith(":") or label.lower() in _HOME_WORDS or label in labels \
                or _YEAR_OR_DAY.match(label):
            continue  # (a crumb of the date archive, "2015" or "Oct 2014", is no section)
        if _HOME_PHRASE.search(label) or fold(label) in declared | hosts:
            continue  # "Zurück zur Startseite", or the site itself ("DER SPIEGEL", "ekbo.de")
        if label.lower() in _ACCOUNT_WORDS:
            continue  # the reader's account links at the head of a forum's trail: no section
        if title and fold(label) == title:
            continue  # the post itself, linked under another address
        labels.append(label)
    return labels


# What stands between the crumbs of a trail drawn in text: "Home » News", "Forum > iPhone".
_SEPARATOR_SIGNS = "[»›>/→❯⟩\u2023]"
_CRUMB_SEPARATOR = re.compile(rf"\s*{_SEPARATOR_SIGNS}+\s*")
_SEPARATOR_CHARS = re.compile(_SEPARATOR_SIGNS)
_NO_CRUMB_TAGS = frozenset({"script", "style", "noscript", "svg", "i", "meta", "link", "button", "img"})


def _crumbs(trail: HtmlElement) -> tuple[list[Crumb], bool]:
    """The crumbs of a trail in order, each its text and its link (None for a crumb shown
    as plain text), and whether separators drawn in text stand between them. The items of
    a list are its crumbs; otherwise each link, each leaf element and each run of text
    between separators is one."""
    items = [li for li in trail.iter("li") if not any(True for _ in li.iterdescendants("li"))]
    if items:
        crumbs: list[Crumb] = []
        for li in items:
            link = next((a for a in li.iter("a") if a.get("href")), None)
            text = collapse(inline_text(link if link is not None else li))
            if clean_label(text):
                crumbs.append((text, link))
        return crumbs, _signs_between_links(items)
    crumbs = []
    separated = False
    marks: list[tuple[int, tuple[str, str, str]]] = []  # (crumbs before it, what it is) of each drawn mark

    def add_text(text: str | None) -> None:
        nonlocal separated
        if not text or not text.strip():
            return
        pieces = _CRUMB_SEPARATOR.split(text)
        separated = separated or len(pieces) > 1 or bool(_CRUMB_SEPARATOR.fullmatch(text))
        crumbs.extend((collapse(piece), None) for piece in pieces if clean_label(piece))

    def walk(el: HtmlElement) -> None:
        add_text(el.text)
        for child in el:
            if isinstance(child.tag, str) and child.tag in _MARK_TAGS and _drawn_mark(child):
                marks.append((len(crumbs), (child.tag, child.get("class") or "", child.get("src") or "")))
            elif isinstance(child.tag, str) and child.tag not in _NO_CRUMB_TAGS:
                if child.tag == "a" or not len(child):
                    text = collapse(inline_text(child))
                    if _CRUMB_SEPARATOR.fullmatch(text):
                        add_text(text)  # "<span>&gt;</span>"
                    elif clean_label(text):
                        crumbs.append((text, child if child.tag == "a" and child.get("href") else None))
                else:
                    walk(child)
            add_text(child.tail)

    walk(trail)
    return crumbs, separated or _marked_between(marks, len(crumbs))


# Elements a trail draws its separators with when it draws them as pictures: an icon
# (``<i class="icon-chevron">``), an arrow image, an empty span a style sheet fills.
_MARK_TAGS = frozenset({"i", "img", "svg", "span", "em", "b"})


def _drawn_mark(el: HtmlElement) -> bool:
    """Whether an element shows no words and holds no link: a picture, not a crumb."""
    return not collapse(el.text_content()) and el.find(".//a") is None


def _marked_between(marks: list[tuple[int, tuple[str, str, str]]], count: int) -> bool:
    """Whether one and the same drawn mark stands between every two crumbs and nowhere
    else: a separator ("Home <img arrow> News <img arrow> <post>"). A mark before each
    item of a menu (an icon per link) stands before the first crumb too."""
    if count < 2 or not marks:
        return False
    if len({kind for _, kind in marks}) != 1:
        return False
    between = {before for before, _ in marks}
    return between == set(range(1, count))


def _signs_between_links(items: list[HtmlElement]) -> bool:
    """Whether separators drawn in text ("/", "›") stand between the items of a list
    trail: after or before an item's one link ("<li><a>Home</a> /</li>"), or on their own
    between two items ("</li><span>›</span><li>"). A sign between two links of one item
    is a menu entry's ("Phones / Gadgets"), not a trail's."""
    for li in items:
        links = [a for a in li.iter("a") if a.get("href")]
        if len(links) == 1 and (outside := _text_outside(li, links[0])) and _CRUMB_SEPARATOR.fullmatch(outside):
            return True
    for a, b in zip(items, items[1:]):
        between = [a.tail or ""]
        if a.getparent() is b.getparent():
            for el in a.itersiblings():
                if el is b:
                    break
                between.append(collapse(el.text_content()) + (el.tail or ""))
        shown = "".join(between)
        if shown.strip() and _CRUMB_SEPARATOR.fullmatch(shown):
            return True
    return False


def _text_outside(item: HtmlElement, link: HtmlElement) -> str:
    """The words of a list item outside its link, collapsed."""
    shown = collapse(item.text_content())
    inner = collapse(link.text_content())
    return collapse(shown.replace(inner, " ", 1)) if inner else shown


_BREADCRUMB_LIST = fast_xpath(".//*[contains(@itemtype, 'BreadcrumbList')]")
# A crumb's words for screen readers before its label: "Estás en: España", "Sie sind hier: Politik".
_YOU_ARE_HERE = re.compile(r"^\s*[^:]{1,25}:\s+(?=[^\W\d_])")
# A link back to the home page in words ("Zurück zur Startseite", "Back to home"); not a
# section that begins with the word ("Home Organizing").
_HOME_PHRASE = re.compile(r"^(?:(?:zurück|back|go|retour|volver|torna)\s+)?(?:zur|to(?:\s+the)?|à\s+l'|al|a\s+la|alla)\s+"
                          r"(?:home|homepage|home\s+page|startseite|accueil|inicio|portada|pagina\s+iniziale)$",
                          re.IGNORECASE)
_YEAR_OR_DAY = re.compile(r"^(?:\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|[^\W\d_]{3,9}\.?\s+\d{4}|\d{4}[./-]\d{1,2})$")


def _page_title(tree: HtmlElement) -> str:
    """The title the page declares (og:title, else <title>), folded: a crumb with the same
    words is the post."""
    metas, title = declared_titles(tree)
    return metas[0] if metas else title


# Words that name a breadcrumb trail in class and id names, in the languages and CMSs that
# name it otherwise: French "fil d'Ariane", Joomla's "pathway".
_BREADCRUMB_WORDS = frozenset({"breadcrumb", "breadcrumbs", "crumb", "crumbs", "ariane", "pathway"})
# Whole class or id names that call the trail a path, in English and Spanish ("ruta"); as
# parts of names they mean other things (Drupal's "path-node", an SVG's "path-1").
_TRAIL_NAMES = frozenset({"path", "ruta"})
_BREADCRUMB_PARTS = frozenset({"item", "items", "link", "links", "separator", "sep", "home", "last", "current",
                               "active", "icon", "text", "title"})


_PROSE = 200


def _holds_prose(el: HtmlElement) -> bool:
    """Whether an element holds a paragraph of prose (a story, not a line of links)."""
    return any(len(p.text_content()) > _PROSE for p in el.iter("p"))


_MAX_CRUMBS = 8
_CRUMB_DEPTH = 4
_WRAPPER_CHILDREN = 3
_MAX_CRUMB_WORDS = 6
_MAX_TRAIL_TEXT = 400


def unmarked_trails(tree: HtmlElement, page_url: str, title: str) -> list[HtmlElement]:
    """Breadcrumb trails no class or id names ("<span id='bcrum'>", hashed class names), in
    page order: a short line of crumbs, each a few words, at least two of them links, that
    reads as a path by two of four signs, one of them its start or its end: it starts at
    the home page, separators drawn in text stand between its crumbs ("»", ">"), it ends
    with the post itself (the page's title, or plain text after the links), each link's
    address extends the one before ("/local/", "/local/bihar/"). A menu has none of the
    last three; a line of tags does not start at home; a byline's links lead off the site. A box is any element up to four levels above its
    links, so crumbs wrapped one by one, or nested one in another, are counted together."""
    found: list[HtmlElement] = []
    boxes: dict[HtmlElement, int] = {}
    for link in _LINKS(tree):
        # every box up to a few levels above a link counts it: a crumb may sit in wrappers
        # of its own ("<li><a>", "<span><a>") and a trail may nest each crumb inside the one
        # before (Yoast's "<span><a>Home</a> » <span><a>Food</a> » <span>…</span></span></span>")
        box = link.getparent()
        for _ in range(_CRUMB_DEPTH):
            if box is None or box.tag in ("body", "html"):
                break
            boxes[box] = boxes.get(box, 0) + 1
            if len(box) > _WRAPPER_CHILDREN:
                break  # a box of many children holds the crumbs or is none: no need to climb past it
            box = box.getparent()
    for box, count in boxes.items():
        # a line of crumbs has a few children (links and separators, or list items): the
        # cheap test first, before the box's text is read
        if not 2 <= count <= _MAX_CRUMBS or len(box) > 3 * _MAX_CRUMBS or box.tag in ("body", "html"):
            continue
        shown = box.text_content()
        if len(shown) > _MAX_TRAIL_TEXT and len(collapse(shown)) > _MAX_TRAIL_TEXT or not attached(box, tree):
            continue
        listed = box.tag in _LINE_TAGS
        first = next((a for a in box.iter("a") if a.get("href")), None)
        if not listed and not _SEPARATOR_CHARS.search(shown) and (first is None or _path(first.get("href") or "")):
            continue  # no list, no separator, not from home: no need to read its crumbs
        crumbs, separated = _crumbs(box)
        links = [link for _, link in crumbs if link is not None]
        crumbs = crumbs[next((i for i, (_, link) in enumerate(crumbs) if link is not None), 0):]  # "you are here:"
        if not 2 <= len(crumbs) <= _MAX_CRUMBS or len(links) < 2:
            continue
        if any(len(text.split()) > _MAX_CRUMB_WORDS or looks_like_date(text) or link is None
               for text, link in crumbs[:-1]):
            continue  # every crumb but the post a link: text between links is prose, not a path
        if any(off_site(link.get("href") or "", page_url) or not goes_somewhere(link) for link in links):
            continue  # a path runs through the site's own pages (not a byline's "@handle / 2 days", nor
            # buttons a script runs: "( Log out / Change )")
        home = not _path(links[0].get("href") or "") or clean_label(crumbs[0][0]).lower() in _HOME_WORDS \
            or _home_icon(first, links[0], page_url)
        last_text, last_link = crumbs[-1]
        ends_with_post = (last_link is None and crumbs[-2][1] is not None and _plain_end(crumbs, title)) \
            or bool(title) and fold(last_text) == title or last_link is not None and _same_page(last_link, page_url)
        nested = _nested(links)
        if (separated or listed or nested) and home + separated + ends_with_post + nested >= 2 and (home or ends_with_post):
            found.append(box)
    return [box for box in found if not any(a in found for a in box.iterancestors())]


_LINKS = fast_xpath("//a[@href]")
# Elements that are a line of links by their kind: a list, and the element HTML has for a
# block of navigation links.
_LINE_TAGS = frozenset({"ul", "ol", "nav"})


def _home_icon(first: HtmlElement | None, first_crumb: HtmlElement, page_url: str) -> bool:
    """Whether a trail starts at the home page with a link that shows a picture, not a
    word (a house icon before "Wydarzenia › Świat"): a link to the site's root before the
    first crumb, with no text of its own."""
    return first is not None and first is not first_crumb and not _path(first.get("href") or "") \
        and goes_somewhere(first) and not off_site(first.get("href") or "", page_url) \
        and not clean_label(collapse(inline_text(first)))


_PLAIN_END_CRUMBS = 5  # crumbs of a trail that ends in plain text, at most, unless that text begins the title


def _plain_end(crumbs: list[Crumb], title: str) -> bool:
    """Whether a line of links ending in plain text ends with the post: a short trail
    ("Home › News › <post>"), or a longer line whose text begins the post's title. A menu
    of many sections ends in a plain "More" (更多) that opens the rest."""
    if len(crumbs) <= _PLAIN_END_CRUMBS:
        return True
    shown = fold(crumbs[-1][0])
    return bool(title) and len(shown) >= 4 and title.startswith(shown[:20])


def _nested(links: list[HtmlElement]) -> bool:
    """Whether three links or more each point below the one before ("/", "/local/", "/local/bihar/")."""
    if len(links) < 3:
        return False
    paths = [_path(link.get("href") or "") for link in links]
    return all(len(a) < len(b) and b[:len(a)] == a for a, b in zip(paths, paths[1:]))


def breadcrumb_trails(tree: HtmlElement) -> list[HtmlElement]:
    """Breadcrumb trails, outermost first in page order: elements whose class or id names a
    breadcrumb (``breadcrumbs``, ``MtnBreadcrumb``, ``mtbnews-breadcrumbs__list``, ``ariane``)
    but not one of its parts (``breadcrumb-item``), schema.org ``BreadcrumbList`` markup, and
    the label a trail carries for screen readers (``<nav aria-label="Breadcrumb">``, as the
    WAI-ARIA pattern for breadcrumbs has it, "Fil d'Ariane"), which a theme's own class
    names do not change."""
    index = class_index(tree)
    named = [el for token in index.tokens if _names_breadcrumb(token) for el in index.with_class(token)]
    named += [el for name, els in index.ids.items() if _names_breadcrumb(name) for el in els]
    named += [el for label, els in index.values_of("aria-label").items() if _names_breadcrumb(label) for el in els]
    named += [el for value, els in index.values_of("itemtype").items() if "BreadcrumbList" in value for el in els]
    named += [el for token in _TRAIL_NAMES & index.tokens for el in index.with_class(token)]
    named += [el for name in _TRAIL_NAMES & index.ids.keys() for el in index.ids[name]]
    # a trail is a line of links; an article named so for a script ("url-breadcrumb") holds
    # the whole story
    trails = {el for el in named if el.tag not in _NO_TRAIL_TAGS and attached(el, tree) and not _holds_prose(el)}
    return [el for el in document_order(list(trails)) if not any(a in trails for a in el.iterancestors())]


# Elements that are no trail whatever their name: the page itself, a link, a button (one
# that folds the trail, "Expand Breadcrumbs"), and what shows nothing (a plugin's style
# sheet "widget-breadcrumbs-css" in the head).
_NO_TRAIL_TAGS = frozenset({"body", "html", "a", "button", "link", "meta", "script", "style", "noscript", "template",
                            "head"})


@lru_cache(maxsize=4096)
def _names_breadcrumb(name: str) -> bool:
    lowered = name.lower()
    if not any(stem in lowered for stem in ("crumb", "ariane", "pathway")):
        return False
    parts = set(words(name))
    return bool(parts & _BREADCRUMB_WORDS) and not parts & _BREADCRUMB_PARTS


def _tag_archive(link: HtmlElement) -> bool:
    """A crumb that points at a tag's archive (Blogger's ``/search/label/…`` trail is made of
    the post's labels): a tag, not the section the post is in."""
    segments = _path(link.get("href") or "")
    return any(s in TAG_BASES or s == "label" for s in segments[:-1])


def _same_page(link: HtmlElement, page_url: str) -> bool:
    return _path(link.get("href") or "") == _path(page_url)


# Names of the section label themes put above a headline ("c-topLabel", "kicker",
# "rt-article-cat", "eyebrow", "rubrik"). Not German "Dachzeile" or French "surtitre":
# a line of the headline's own, not a section.
_KICKER_WORDS = frozenset({"category", "categories", "cat", "cate", "categ", "section", "rubric", "rubrik", "ressort",
                           "kicker", "eyebrow", "overline", "toplabel", "kategorie", "channel"})
_MAX_KICKER = 40


def kicker_categories(tree: HtmlElement, headline: HtmlElement | None, page_url: str, tags: list[str]) -> list[str]:
    """The section a post is in as the label right above its headline shows it ("World",
    "Gaming", "Videos - 6pm News Bulletin"), for a post that shows no category list and no
    breadcrumb. The element just before the headline (or before the header that holds
    only the headline) counts when its text is a short label, not a date, and either it
    is named as a section label or all of it is one link to a section of the same site
    whose address ends in the label's own words (``/gaming/`` for "Gaming"). A lead-in of
    the headline ("«Evnukkmakeren»:", which the page's title begins with) and a label that
    is one of the post's tags are no section. Failing such a label, the section that
    microdata marks on a shown element counts (:func:`_declared_section`)."""
    before = _element_before(headline)
    if before is not None and not _named_kicker(before) and len(before):
        # "<div class='article-meta'><span class='eyebrow'>Earnings</span> Published …"
        inside = _named_label_inside(before)
        if inside is None and not _archive_label(before) and _boxes_only(before):
            # "<div><div><a href='/category/earnings'>…</a></div><div><time>…"
            inside = next((child for child in before if isinstance(child.tag, str) and _archive_label(child)), None)
        before = inside if inside is not None else before if _is_label(before) else None
    if before is None:
        return _declared_section(tree)
    text = collapse(inline_text(before))
    if not _is_label(before) or _lead_in(tree, text):
        return _declared_section(tree)
    named = _named_kicker(before)
    links = [a for a in before.iter("a") if a.get("href")]
    if not named and not (len(links) == 1 and collapse(inline_text(links[0])) == text
                          and _section_link(links[0], text, page_url)) and not _archive_label(before):
        return _declared_section(tree)
    parts = [p for el in (links or [before]) for p in _kicker_parts(el)]
    labels: list[str] = []
    own = declared_names(tree) | host_names(page_url)  # the site's name over its headlines ("SN.AT")
    for part in parts:
        label = clean_label(part)
        if label and label.lower() not in _HOME_WORDS and label not in labels and label not in tags \
                and fold(label) not in own:
            labels.append(label)
    return labels or _declared_section(tree)


def _boxes_only(el: HtmlElement) -> bool:
    """Whether all an element shows is in elements of its own (a row of boxes: a label,
    a date), no words between them ("Read more in <a>…</a>")."""
    return not (el.text or "").strip() and not any((child.tail or "").strip() for child in el)


def _archive_label(el: HtmlElement) -> bool:
    """Whether a short label above the headline is nothing but links to category archives
    and the signs between them ("Marketing • Social Media", to ``/category/marketing-werbung/``
    and ``/category/social-media/``): the post's categories, shown where a kicker stands,
    whatever the links spell."""
    links = [a for a in el.iter("a") if a.get("href")]
    if not 1 <= len(links) <= _FEW_CATEGORIES or not _is_label(el):
        return False
    if not all(_BASE_IN_PATH["category"].search(a.get("href") or "") for a in links):
        return False
    rest = collapse(inline_text(el))
    for link in links:
        rest = rest.replace(collapse(inline_text(link)), " ", 1)
    return not collapse(rest).strip(_LABEL_TRIM)


def _is_label(el: HtmlElement) -> bool:
    text = collapse(inline_text(el))
    return bool(text) and len(text) <= _MAX_KICKER and len(text.split()) <= 5 and not looks_like_date(text)


def _named_kicker(el: HtmlElement) -> bool:
    name = f"{el.get('class') or ''} {el.get('id') or ''}"
    return any(_KICKER_WORDS.intersection(words(token)) for token in name.split())


def _named_label_inside(el: HtmlElement) -> HtmlElement | None:
    """The first element inside ``el`` named as a section label, when it reads as one."""
    for child in el.iterdescendants():
        if isinstance(child.tag, str) and _named_kicker(child):
            return child if _is_label(child) else None
    return None


_ARTICLE_SECTION = fast_xpath("//*[@itemprop='articleSection'][not(self::meta)]")


def _declared_section(tree: HtmlElement) -> list[str]:
    """The section schema.org microdata marks on the page (``<a itemprop="articleSection">
    Columnists</a>``), when it is the one shown label of its kind."""
    found = [el for el in _ARTICLE_SECTION(tree) if _is_label(el)]
    return [clean_label(collapse(inline_text(found[0])))] if len(found) == 1 else []


def _lead_in(tree: HtmlElement, text: str) -> bool:
    """Whether ``text`` opens a quotation or the page's declared title: part of the headline."""
    if text[0] in "«»\"'„“”‘’‹›":
        return True
    metas, title = declared_titles(tree)
    folded = fold(text)
    return bool(folded) and any(t.startswith(folded) and len(t) > len(folded) for t in [*metas, title])


def _element_before(headline: HtmlElement | None) -> HtmlElement | None:
    """The element right before the headline, or before its wrapper when the headline
    opens the wrapper (``<header><h1>…</h1></header>``, or a box of the headline, its
    byline and its buttons), up to three wrappers out; scripts and empty elements are
    passed over."""
    el = headline
    for _ in range(3):
        if el is None:
            return None
        before = el.getprevious()
        while before is not None and (not isinstance(before.tag, str) or before.tag in ("script", "style", "noscript")
                                      or not before.text_content().strip()):
            before = before.getprevious()
        if before is not None:
            return before
        parent = el.getparent()
        if parent is None or parent.tag in ("body", "html", "article", "main"):
            return None
        el = parent
    return None


def _kicker_parts(el: HtmlElement) -> list[str]:
    """A label's parts: its child elements' texts when it has several ("Videos -" and
    "6pm News Bulletin"), else its own text."""
    children = [c for c in el if isinstance(c.tag, str) and inline_text(c).strip()]
    texts = [inline_text(c) for c in children] if len(children) > 1 else [inline_text(el)]
    return [t.strip(" -–—|/·•»›:") for t in texts]


def _section_link(link: HtmlElement, text: str, page_url: str) -> bool:
    """A link to a section of the post's own site whose last path segment spells ``text``."""
    href = link.get("href") or ""
    host = urlsplit(href).hostname
    if host and host.removeprefix("www.") != (urlsplit(page_url).hostname or "").removeprefix("www."):
        return False
    segments = _path(href)
    if not segments or len(segments) > 3 or _same_page(link, page_url) or _tag_archive(link):
        return False  # (a tag's archive: a tag, not the post's section)
    slug = _spelled(_SLUG_NUMBER.sub("", segments[-1]))
    spelled = _spelled(text)
    return bool(slug) and (slug == spelled or spelled.startswith(slug) or slug.startswith(spelled))


# A number a section's address carries beside its words ("/thema/7-politik-und-macht",
# "/politics-12345"): the section's id, not its name.
_SLUG_NUMBER = re.compile(r"^\d+[-_]|[-_]\d+$")


def _spelled(text: str) -> str:
    """``text`` in lower-case ASCII letters and digits alone, accents taken off its letters
    ("Nuomonės" and the slug "nuomones" spell the same)."""
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text)
