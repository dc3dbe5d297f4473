"""HTML, RSS and sitemap text of the demo blog, in the markup of a 2011 CNN WordPress.com blog.

Pages copy the "cnn-blogs" theme of the model page (date and time in two blocks,
"Post by:", "Filed under:", "soundoff (N Responses)", ``ol.commentlist`` with
``ul.children`` replies) plus WordPress's archive and comment navigation ("Older posts",
"Older Comments"). All links are root-relative, so the pages do not depend on the port.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from html import escape

from archiver.demo.model import DemoComment, DemoPost, SiteModel, slugify


def long_date(when: datetime) -> str:
    """``September 16th, 2011`` as the theme prints it."""
    day = when.day
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{when:%B} {day}{suffix}, {when:%Y}"


def _page(site: SiteModel, title: str, body: str, *, canonical: str | None = None, body_class: str = "") -> str:
    canonical_link = f'<link rel="canonical" href="{escape(canonical)}" />\n' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8" />
<title>{escape(title)}</title>
<meta name="generator" content="WordPress.com" />
{canonical_link}<link rel="alternate" type="application/rss+xml" title="{escape(site.title)} &raquo; Feed" href="/feed/" />
<link rel="stylesheet" href="/wp-content/themes/vip/cnn-blogs/style.css" type="text/css" />
</head>
<body class="{body_class}">
<div id="cnnBlogHeader"><a href="/">{escape(site.title)}</a></div>
<div id="cnnContainer">
<div id="cnnContentContainer">
{body}
</div>
{_sidebar(site)}
</div>
<div id="cnn_ftr"><p>Powered by <a href="https://wordpress.com/" rel="generator">WordPress.com VIP</a></p></div>
</body>
</html>
"""


def _sidebar(site: SiteModel) -> str:
    recent = "".join(f'<li><a href="{p.path}">{escape(p.title)}</a></li>' for p in site.posts[:5])
    categories = "".join(
        f'<li class="cat-item"><a href="/category/{slugify(name)}/">{escape(name)}</a> ({len(posts)})</li>'
        for name, posts in site.categories().items()
    )
    tags = " ".join(f'<a href="/tag/{slugify(name)}/">{escape(name)}</a>' for name in site.tags())
    return f"""<div id="cnnSidebar">
<div class="widget widget_recent_entries"><h4>Recent Posts</h4><ul>{recent}</ul></div>
<div class="widget widget_categories"><h4>Categories</h4><ul>{categories}</ul></div>
<div class="widget widget_tag_cloud"><h4>Tags</h4><div class="tagcloud">{tags}</div></div>
<div class="widget widget_links"><h4>Links</h4><ul>
<li><a href="{site.private_path}">Staff notes</a></li>
<li><a href="{site.redirect_path}">Our first post (old link)</a></li>
<li><a href="{site.missing_path}">A removed post</a></li>
<li><a href="/sitemap.xml">Sitemap</a></li>
</ul></div>
</div>"""


def _post_meta(post: DemoPost) -> str:
    authors = ", ".join(
        f'<span class="cnnPostAuthor"><a href="/author/{slugify(a)}/" rel="author">{escape(a)}</a></span>'
        for a in post.authors
    )
    filed = " &bull; ".join(
        f'<a href="/category/{slugify(c)}/" title="View all posts in {escape(c)}" rel="category tag">{escape(c)}</a>'
        for c in post.categories
    )
    tags = ", ".join(f'<a href="/tag/{slugify(t)}/" rel="tag">{escape(t)}</a>' for t in post.tags)
    return f"""<div class="cnnPostMetaData">
<p class="cnnPostBy">Post by: {authors}</p>
<p class="cnnPostFiled">Filed under: {filed}</p>
<p class="cnnPostTags">Tags: {tags}</p>
</div>"""


def post_page(site: SiteModel, post: DemoPost, comment_page: int | None) -> str:
    """A post with one page of its comments: ``comment_page`` None = the newest page."""
    pages = site.comment_pages(post)
    number = comment_page or len(pages)
    threads = pages[number - 1] if pages else []
    url = post.path if comment_page is None else f"{post.path}comment-page-{comment_page}/"
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in post.paragraphs)
    comments = "".join(_comment(post, c, 1, i) for i, c in enumerate(threads))
    index = site.posts.index(post)
    newer = site.posts[index - 1] if index > 0 else None
    older = site.posts[index + 1] if index + 1 < len(site.posts) else None
    post_nav = (
        (f'<div class="cnnPostNavPrev">&laquo; <a href="{older.path}" rel="prev">Previous entry</a></div>' if older else "")
        + (f'<div class="cnnPostNavNext"><a href="{newer.path}" rel="next">Next entry</a> &raquo;</div>' if newer else "")
    )
    body = f"""<div class="cnn_blog_post post-{post.number} post type-post status-publish hentry" id="post-{post.number}">
<div class="cnnBlogContentDateHead">{long_date(post.published)}</div>
<div class="cnnBlogContentTime">{post.published:%I:%M %p} ET</div>
<h1 class="cnnBlogContentTitle"><a href="{post.path}" rel="bookmark" title="Permanent Link to {escape(post.title)}">{escape(post.title)}</a></h1>
<div class="cnnBlogContentPost">
<div class="cnnEntryContent">
{paragraphs}
</div>
{_post_meta(post)}
</div>
</div>
<div class="cnnPostNav">{post_nav}</div>
<div id="comments" class="cnnComments">
<h3 class="cnnCommentsHead">soundoff ({post.comment_count} Responses)</h3>
<ol class="cnn_cmtlist commentlist">{comments}</ol>
<div class="cnnCommentsNav">{_comment_nav(post, number, len(pages))}</div>
<div id="respond"><h3 id="reply-title">Post a comment</h3>
<form action="/wp-comments-post.php" method="post" id="commentform"><p><textarea name="comment"></textarea></p>
<input type="hidden" name="comment_post_ID" value="{post.number}" /></form></div>
</div>"""
    return _page(site, f"{post.title} – {site.title} - CNN.com Blogs", body,
                 canonical=url, body_class=f"single single-post postid-{post.number}")


def _comment_nav(post: DemoPost, number: int, total: int) -> str:
    older = (f'<div class="nav-previous"><a href="{post.path}comment-page-{number - 1}/#comments">'
             "&laquo; Older Comments</a></div>") if number > 1 else ""
    newer = (f'<div class="nav-next"><a href="{post.path}comment-page-{number + 1}/#comments">'
             "Newer Comments &raquo;</a></div>") if number < total else ""
    return older + newer


def _comment(post: DemoPost, comment: DemoComment, depth: int, index: int) -> str:
    parity = "even" if index % 2 == 0 else "odd alt"
    name = escape(comment.author)
    if comment.author_url:
        name = f'<a href="{escape(comment.author_url)}" rel="external nofollow" class="url">{name}</a>'
    label = '<span class="pingback-label">Pingback:</span>\n' if comment.kind == "pingback" else ""
    replies = ""
    if comment.children:
        inner = "".join(_comment(post, c, depth + 1, i) for i, c in enumerate(comment.children))
        replies = f'<ul class="children">{inner}</ul>'
    stamp = f"{comment.published:%B} {comment.published.day}, {comment.published:%Y at %-I:%M %p}".replace(" AM", " am").replace(" PM", " pm")
    return f"""<li class="{comment.kind} {parity} depth-{depth}" id="{comment.id}">
<div class="cnn_cmt_wrap" id="div-{comment.id}">
{label}<div class="cnn_cmtauthor"><cite class="fn">{name}</cite></div>
<div class="cnn_cmttext"><p>{escape(comment.text)}</p></div>
<div class="cnn_cmtmeta"><a href="{post.path}#{comment.id}"><time datetime="{comment.published.isoformat()}">{stamp}</time></a> | <a class="comment-reply-link" href="{post.path}?replytocom={comment.number}#respond">Reply</a></div>
</div>{replies}
</li>"""


def listing_page(site: SiteModel, base: str, heading: str, posts: list[DemoPost], number: int) -> str | None:
    """Page ``number`` of a list of posts at ``base`` (home, a category, a tag); None if past the end."""
    pages = site.listing_pages(posts)
    if not 1 <= number <= len(pages):
        return None
    entries = "\n".join(_entry(p) for p in pages[number - 1])
    older = f'<div class="nav-previous"><a href="{base}page/{number + 1}/">&laquo; Older posts</a></div>' if number < len(pages) else ""
    newer_url = base if number == 2 else f"{base}page/{number - 1}/"
    newer = f'<div class="nav-next"><a href="{newer_url}">Newer posts &raquo;</a></div>' if number > 1 else ""
    body = f'<h2 class="page-title">{escape(heading)}</h2>\n{entries}\n<div class="navigation">{older}{newer}</div>'
    return _page(site, f"{heading} – {site.title}", body, body_class="home blog archive")


def _entry(post: DemoPost) -> str:
    return f"""<div class="cnn_blog_post post-{post.number} post hentry excerpt">
<div class="cnnBlogContentDateHead">{long_date(post.published)}</div>
<h2 class="cnnBlogContentTitle"><a href="{post.path}" rel="bookmark">{escape(post.title)}</a></h2>
<div class="cnnEntryContent"><p>{escape(post.paragraphs[0])}</p></div>
<p class="cnnComments"><a href="{post.path}#comments">soundoff ({post.comment_count} Responses)</a></p>
</div>"""


def private_page(site: SiteModel) -> str:
    return _page(site, "Staff area", "<h1>Staff only</h1><p>Not for crawlers.</p>")


def not_found_page(site: SiteModel) -> str:
    return _page(site, "Page not found", "<h1>Not Found</h1><p>Apologies, but the page you requested could not be found.</p>", body_class="error404")


def feed(site: SiteModel, base_url: str) -> str:
    """RSS 2.0 of the newest posts, as WordPress serves at ``/feed/``."""
    items = "".join(
        f"""<item><title>{escape(p.title)}</title><link>{base_url}{p.path}</link>
<comments>{base_url}{p.path}#comments</comments><pubDate>{format_datetime(p.published)}</pubDate>
<dc:creator>{escape(", ".join(p.authors))}</dc:creator>
{"".join(f"<category><![CDATA[{c}]]></category>" for c in p.categories + p.tags)}
<guid isPermaLink="false">{base_url}/?p={p.number}</guid>
<description><![CDATA[{p.paragraphs[0]}]]></description>
<slash:comments>{p.comment_count}</slash:comments></item>
"""
        for p in site.feed_posts()
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel><title>{escape(site.title)}</title><link>{base_url}/</link>
<description>CNN's national security blog</description>
{items}</channel></rss>
"""


def sitemap_index(base_url: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base_url}/post-sitemap.xml</loc></sitemap>
</sitemapindex>
"""


def post_sitemap(site: SiteModel, base_url: str) -> str:
    urls = "".join(
        f"<url><loc>{base_url}{p.path}</loc><lastmod>{p.published.isoformat()}</lastmod></url>\n" for p in site.posts
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}</urlset>
"""


def robots(site: SiteModel, base_url: str) -> str:
    return f"User-agent: *\nDisallow: {site.private_section}\n\nSitemap: {base_url}/sitemap.xml\n"
