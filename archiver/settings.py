"""The Scrapy settings module of the archiver (``scrapy.cfg`` points here).

Every setting the archiver adds is prefixed ``ARCHIVER_`` and has its default here, with a
comment saying what it does; the docs group them by topic (``docs/crawling.md``,
``docs/warc.md``, ``docs/scheduling.md``, ``docs/distributed.md``). Override any of them
per run with ``scrapy crawl blog -s NAME=VALUE`` or in a project's own settings.
"""

from __future__ import annotations

from archiver import __version__

BOT_NAME = "blog-archiver"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- Politeness (defaults a site owner would ask for) ---------------------------------
ROBOTSTXT_OBEY = True
# Who runs the crawl: put a URL or e-mail here so site owners can reach you.
ARCHIVER_CONTACT = ""
USER_AGENT = f"blog-archiver/{__version__} (+https://github.com/blog-archiver/blog-archiver)"
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_TIMEOUT = 60
# Larger bodies are dropped (and counted) rather than held in memory.
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
RETRY_TIMES = 2
# 429/503 answers with Retry-After are retried after the wait the server asks for, up to
# this many seconds (archiver/downloadermiddlewares/retry_after.py); longer asks are not
# waited for and fall back to the usual retries.
ARCHIVER_RETRY_AFTER_MAX = 300.0
DOWNLOADER_MIDDLEWARES: dict[str, int | None] = {
    "archiver.downloadermiddlewares.retry_after.RetryAfterMiddleware": 560,
    # Scrapy's robots.txt middleware, fixed so every request waiting on robots.txt gets
    # its rules (archiver/downloadermiddlewares/robotstxt.py), not only the first one.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "archiver.downloadermiddlewares.robotstxt.WaitingRobotsTxtMiddleware": 100,
    # A crawl from a web archive (ARCHIVER_ARCHIVE, docs/archives.md): a request for a blog
    # URL becomes one for its capture (before robots.txt: the archive's is the one obeyed),
    # and the archive's answer becomes the page (after its WARC records are written, before
    # redirects and retries). Both are off unless an archive is named.
    "archiver.downloadermiddlewares.archive_source.ArchiveRequestMiddleware": 90,
    "archiver.downloadermiddlewares.archive_source.ArchiveResponseMiddleware": 650,
    # Scrapy's decompression, made strict: a body that does not decode (corrupt gzip,
    # deflate, br or zstd, or a stream cut short) is counted as `undecodable` and not
    # parsed, never passed on half decoded (archiver/downloadermiddlewares/httpcompression.py).
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "archiver.downloadermiddlewares.httpcompression.StrictHttpCompressionMiddleware": 590,
    # Scrapy's redirect and meta-refresh middlewares, following a redirect only to a URL
    # the crawl has not requested yet: a URL is fetched once, whatever mix of links,
    # 3xx and refreshes leads to it (archiver/downloadermiddlewares/redirect.py).
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "archiver.downloadermiddlewares.redirect.FetchOnceMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "archiver.downloadermiddlewares.redirect.FetchOnceRedirectMiddleware": 600,
    # Renders the requests a post marks for the browser (ARCHIVER_BROWSER), archives what
    # the browser fetched and the DOM it built (archiver/browser/); off unless asked for.
    "archiver.browser.middleware.BrowserMiddleware": 950,
    # Responses wait here until their WARC records are written by the writer thread
    # (ARCHIVER_WARC_THREAD); nearest the downloader, so everything after sees the record.
    "archiver.downloadermiddlewares.warc_written.WarcWrittenMiddleware": 990,
}
# Loopback hosts (the bundled demo blog, test servers) are crawled without delays: no
# AutoThrottle adjustment, no download delay. Politeness stays on for every other host.
ARCHIVER_LOOPBACK_FAST = True
DOWNLOAD_SLOTS = {
    "127.0.0.1": {"delay": 0.0, "concurrency": 8},
    "localhost": {"delay": 0.0, "concurrency": 8},
    # Comment platforms' API hosts serve many sites: one request at a time, a second apart
    # (AutoThrottle may slow them further; 429/503 answers wait for Retry-After).
    "disqus.com": {"delay": 1.0, "concurrency": 1},
    "api.github.com": {"delay": 1.0, "concurrency": 1},
}

# The blog spider drops links it has already requested before it builds a Request (far
# cheaper on link-heavy pages), so Scrapy's fingerprint dupefilter would only repeat that
# work. Requests stay filterable (no dont_filter), so redirects to other hosts are still
# dropped by Scrapy's offsite middleware.
DUPEFILTER_CLASS = "scrapy.dupefilters.BaseDupeFilter"

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

# --- Output -----------------------------------------------------------------------------
# Folder that holds one sub-folder per crawl: <ARCHIVER_OUTPUT_DIR>/<crawl name>/.
ARCHIVER_OUTPUT_DIR = "output"
# Name of the crawl's folder; empty = derived from the start URL's host.
ARCHIVER_CRAWL_NAME = ""

# --- WARC writing (archiver/extensions/warc.py, archiver/warc/; docs/warc.md) -----------
# Archive every HTTP exchange (response + request records) into <crawl>/warc/*.warc.gz.
ARCHIVER_WARC_ENABLED = True
# First part of each WARC file name: <prefix>-<UTC time>-<serial>-<host>-<pid>.warc.gz
ARCHIVER_WARC_PREFIX = "blog-archiver"
# Bytes after which a file is finished (renamed from .open) and a new one started.
ARCHIVER_WARC_MAX_SIZE = 1_000_000_000
# Write a 2xx response whose payload equals the last full capture of the same URL (this
# run or an earlier one) as a WARC/1.1 revisit record referring to it, not a second copy.
ARCHIVER_WARC_DEDUP = True
# Compress and write WARC records on a writer thread (asyncio reactor only), so gzip
# (1-2 ms a page) does not hold up the reactor. Records stay in download order; responses
# wait in WarcWrittenMiddleware until theirs are on disk. False: write in the reactor.
ARCHIVER_WARC_THREAD = True
# WARC version of every record: "1.1", or "1.0" for older readers (warctools' warcvalid):
# WARC-Date to the second, the 1.0 revisit profile, no WARC-Refers-To-Target-URI/-Date.
ARCHIVER_WARC_VERSION = "1.1"
# Scrapy settings recorded in every file's warcinfo record.
ARCHIVER_WARC_INFO_SETTINGS = [
    "USER_AGENT",
    "ROBOTSTXT_OBEY",
    "DOWNLOAD_MAXSIZE",
    "DOWNLOAD_TIMEOUT",
    "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "COOKIES_ENABLED",
    "RETRY_TIMES",
    "DOWNLOAD_FAIL_ON_DATALOSS",
    # a crawl from a web archive: which one, and the dates asked for (empty ones left out)
    "ARCHIVER_ARCHIVE",
    "ARCHIVER_ARCHIVE_FROM",
    "ARCHIVER_ARCHIVE_UNTIL",
    "ARCHIVER_ARCHIVE_AT",
]

# --- Crawl scope and discovery (spiders/blog.py, archiver/discovery.py) ----------------
# What to follow: "site" (posts, listings, categories, tags), "listing" (the start
# listing's pages and its posts), "none" (the start page and its comment pages only).
# `-a follow=...` overrides it per crawl; `-a mode=single` means "none".
ARCHIVER_FOLLOW = "site"
# Only URLs under this path on the start host (e.g. "/2011/"); empty = the whole host.
ARCHIVER_PREFIX = ""
# Regexes a URL must match (ALLOW) / must not match (DENY) to be fetched; empty = no filter.
ARCHIVER_ALLOW = ""
ARCHIVER_DENY = ""
# With ARCHIVER_FOLLOW = "site": also read the sitemaps that the start host's robots.txt
# names ("Sitemap:" lines; WordPress 5.5+ names wp-sitemap.xml), so posts that no listing
# reaches (a theme without pagination, an archive cut short) are found too. Needs
# ROBOTSTXT_OBEY, which fetches robots.txt. `-a sitemaps=off` turns it off per crawl.
ARCHIVER_ROBOTS_SITEMAPS = True
# Stop scheduling new pages after this many (a post's comment pages are not counted); 0 = no limit.
ARCHIVER_MAX_PAGES = 0
# Skip posts published before this date (any format archiver.dates reads); empty = keep all.
ARCHIVER_SINCE = ""
# --- Incremental runs (archiver/state/, docs/scheduling.md) -----------------------------
# Posts archived by an earlier run are fetched again (conditionally, with their ETag /
# Last-Modified) while younger than this many days, to collect new comments.
ARCHIVER_REVISIT_DAYS = 30
# Which archived posts to fetch again: "recent" (younger than ARCHIVER_REVISIT_DAYS), "all"
# or "none". `-a revisit=...` overrides it per run. Listings, feeds, sitemaps: always.
ARCHIVER_REVISIT = "recent"
# What a run writes: "new" (articles and comments not written before, or changed) or "all".
# `-a emit=...` overrides it per run.
ARCHIVER_EMIT = "new"
# Log a progress line every N archived posts (0 = never), besides Scrapy's LogStats.
ARCHIVER_PROGRESS_EVERY = 10
# Processes that parse pages beside the crawling one (archiver/analysis.py). "auto" = one
# per usable core beyond the first (at most 4), so parsing overlaps with fetching; 0 =
# parse in the crawling process. A worker that dies is replaced by in-process parsing.
ARCHIVER_PARSE_WORKERS = "auto"
# Seconds a parse worker may spend on one page (pages take milliseconds); past it the
# worker is killed, the page counted as a parse error, and new workers take over.
ARCHIVER_PARSE_TIMEOUT = 120.0
# Scrapy items the blog spider yields: "post" (one item per post holding the article and
# its comments; the pipelines still write articles.jsonl and comments.jsonl line by line)
# or "each" (an item per article and per comment, for pipelines of your own that want
# them one at a time; Scrapy's per-item cost then dominates on comment-heavy blogs).
ARCHIVER_ITEMS = "post"
# The bundled demo blog crawled by `scrapy crawl blog` without a URL: seed and size.
ARCHIVER_DEMO_SEED = 2011
ARCHIVER_DEMO_POSTS = 12
ARCHIVER_DEMO_COMMENTS = 60
# Port of the bundled demo blog; a fixed one keeps its URLs the same from run to run, so
# repeated demo crawls are incremental. 0 (or a port in use) = any free port.
ARCHIVER_DEMO_PORT = 8411

# --- A real browser for comments only a script loads (archiver/browser/, docs/comments.md)
# "off"; "auto": render in Chromium each post page whose thread a script loads (the
# parsers' "comments not in HTML"); "always": every post page. `-a browser=...` overrides
# it per crawl. Needs scrapy-playwright (pip install -e '.[browser]') and Chromium.
ARCHIVER_BROWSER = "off"
# The Chromium Playwright drives: Debian's package (apt-get install chromium), headless.
PLAYWRIGHT_LAUNCH_OPTIONS = {"executable_path": "/usr/bin/chromium", "headless": True}
# Milliseconds the browser may take to load a page (its load event).
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
# Pages open in the browser at once.
ARCHIVER_BROWSER_PAGES = 2
# After the load event the page is scrolled to the bottom and given up to SETTLE seconds
# to make its requests; it is read once no request has been running for QUIET seconds.
ARCHIVER_BROWSER_SETTLE = 15.0
ARCHIVER_BROWSER_QUIET = 0.5
# Close the browser and start a new one every N rendered pages (0 = never): Chromium's
# memory grows over a long crawl.
ARCHIVER_BROWSER_RESTART_EVERY = 50

# --- Comment platforms (archiver/platforms/, spiders/comment_sources.py, docs/comments.md)
# Platforms whose threads are read through their API or feed when a post page uses them:
# wordpress (REST API, else the post's comment feed), blogger, disqus, isso, remark42,
# commento, discourse, giscus, utterances, substack, ghost. Empty = none (HTML only).
ARCHIVER_COMMENT_SOURCES = ["blogger", "commento", "discourse", "disqus", "ghost", "giscus", "isso", "remark42",
                            "substack", "utterances", "wordpress"]
# Undocumented endpoints (Disqus's embed page, Commento, Substack, Ghost) are used only for
# the platforms listed here: a list ("disqus") for the crawled site, or a dict of site host
# -> platforms ({"blog.example.org": ["disqus"], "*": []}). `-a unofficial=disqus` too.
ARCHIVER_UNOFFICIAL_ENDPOINTS: list[str] | dict[str, list[str]] = []
# Base URLs replacing a platform's public one (a mirror, a proxy, a test server), by name:
# disqus (API), disqus_embed, github, isso, remark42, discourse, blogger, substack, ghost, commento.
ARCHIVER_PLATFORM_ENDPOINTS: dict[str, str] = {}
# The operator's own Disqus public API key (disqus.com/api/applications); never one found
# in a page. Without it, Disqus threads are read from the embed page only (unofficial).
ARCHIVER_DISQUS_API_KEY = ""
# The operator's GitHub token, for giscus (GraphQL needs one) and utterances (else 60
# anonymous requests an hour). Sent as a header; the WARC request record shows it redacted.
ARCHIVER_GITHUB_TOKEN = ""
# At most this many comment-source requests per post (pages of a huge thread, fallbacks).
ARCHIVER_COMMENT_SOURCE_MAX_REQUESTS = 200
# API hosts whose robots.txt is not obeyed (empty: every API host's robots.txt is). For
# an operator reading GitHub's API under their own token: ["api.github.com"].
ARCHIVER_COMMENT_ROBOTS_EXEMPT: list[str] = []

# --- Crawling from a web archive (archiver/archives/, docs/archives.md) -----------------
# Read the blog from a web archive instead of the live web: "wayback", "arquivo",
# "commoncrawl" or "commoncrawl:CC-MAIN-2013-20", or the URL of a CDX server (pywb's
# .../<collection>/cdx, the Internet Archive's .../cdx/search/cdx). Empty = the live web.
# `-a archive=...` overrides it per crawl, as -a from/until/at/replay/warcs override the next ones.
ARCHIVER_ARCHIVE = ""
# Only captures taken in this range (dates or 14-digit timestamps; until is inclusive).
ARCHIVER_ARCHIVE_FROM = ""
ARCHIVER_ARCHIVE_UNTIL = ""
# The moment to read the start page at (its nearest capture); empty = until, else now.
# Pages it links to are read at their nearest capture to the linking page's.
ARCHIVER_ARCHIVE_AT = ""
# For a CDX server given by URL: the prefix of its id_ replay URLs (prefix + timestamp +
# "id_/" + URL), or the prefix its index's WARC file names are fetched under by range
# requests (a Common Crawl mirror). Empty = guessed from the CDX URL.
ARCHIVER_ARCHIVE_REPLAY = ""
ARCHIVER_ARCHIVE_WARCS = ""
# The CDX dialect, "ia" or "pywb"; empty = the archive's own (guessed from a CDX URL).
ARCHIVER_ARCHIVE_DIALECT = ""
# Captures listed: regular expressions the status and MIME type must match ("" = any).
# Redirects are kept (a moved post is followed), so are revisits ("-", "warc/revisit").
ARCHIVER_ARCHIVE_STATUS = r"([23][0-9][0-9]|-)"
ARCHIVER_ARCHIVE_MIME = (r"(text/html|application/xhtml\+xml|application/(rss|atom)\+xml|(text|application)/xml"
                         r"|warc/revisit|unk)")
# Leave out repeats among a URL's captures: "urlkey" (its first capture only), "digest"
# (a capture identical to the one before) or "timestamp:N" (one per N-digit time prefix,
# e.g. timestamp:8 = one a day); empty = every capture.
ARCHIVER_ARCHIVE_COLLAPSE = ""
# Rows asked per CDX query where the index pages by resumeKey (the Internet Archive).
ARCHIVER_ARCHIVE_PAGE_SIZE = 5000
# Days a cached CDX answer stays good in the crawl's state; 0 = for good (a repeated
# crawl of the same range asks the index nothing).
ARCHIVER_ARCHIVE_CACHE_DAYS = 0
# Pacing; empty = the archive's own default (docs/archives.md: the Wayback Machine one
# CDX query per 10 s, 2 fetches at a time 1 s apart), none for an archive on this machine.
ARCHIVER_ARCHIVE_CDX_INTERVAL = None  # seconds between two CDX queries
ARCHIVER_ARCHIVE_DELAY = None  # seconds between two fetches of captures
ARCHIVER_ARCHIVE_CONCURRENCY = None  # captures fetched at a time from one host
# A 429 (or 503 with Retry-After) pauses the whole crawl: for Retry-After seconds, or this
# many when the archive does not say; never longer than PAUSE_MAX. A request is asked
# again after each pause, at most RETRIES times.
ARCHIVER_ARCHIVE_PAUSE = 60.0
ARCHIVER_ARCHIVE_PAUSE_MAX = 900.0
ARCHIVER_ARCHIVE_RETRIES = 5
SPIDER_MIDDLEWARES: dict[str, int | None] = {
    # Pages linked from an archived page are read nearest its capture time (off unless
    # an archive is named).
    "archiver.spidermiddlewares.archive_reference.ArchiveReferenceMiddleware": 700,
}

# --- A pool of workers sharing one crawl through Redis (archiver/redis/, docs/distributed.md)
# Empty = embedded (one process, SQLite state, no Redis). redis://host:6379/0 = this run is
# one worker of a pool: scrapy-redis's scheduler with the queue in Redis, a shared seen-set,
# shared state (pages, posts, WARC payload digests, item fingerprints), and the worker's
# own folder <ARCHIVER_OUTPUT_DIR>/<crawl>/workers/<ARCHIVER_WORKER_ID>/. Without a url the
# worker waits for seeds pushed by `archiver enqueue` (then ARCHIVER_CRAWL_NAME is needed).
ARCHIVER_REDIS_URL = ""
# First part of every Redis key: <prefix>:<crawl name>:<what>.
ARCHIVER_REDIS_PREFIX = "blog-archiver"
# This worker's name in the pool and its folder; empty = <host>-<pid>. A fixed name per
# machine slot lets a restarted worker repair and continue its own folder.
ARCHIVER_WORKER_ID = ""
# Seconds a worker's lease lasts without renewal: the requests of a worker silent for this
# long (killed, machine gone) are taken over by the others.
ARCHIVER_REDIS_LEASE = 60.0
# Seconds between a worker's lease renewals, seed checks and queue polls.
ARCHIVER_REDIS_TICK = 1.0

# --- Item pipelines ---------------------------------------------------------------------
# Scrapy starts CONCURRENT_ITEMS asyncio tasks for the output of every callback (100 by
# default: ~170,000 tasks for 1,700 pages). The blog spider yields one item per post, so
# a few are plenty; measured on the bench site, 8 makes even a bare crawl ~25% faster.
CONCURRENT_ITEMS = 8
# Validate against the JSON Schemas (invalid items go to <crawl>/invalid.jsonl), drop
# repeats, then write <crawl>/articles.jsonl and <crawl>/comments.jsonl.
ITEM_PIPELINES: dict[str, int] = {
    "pipelines.items.ValidateItemsPipeline": 100,
    "pipelines.items.DedupeItemsPipeline": 200,
    "pipelines.items.JsonLinesPipeline": 800,
}
# Write <crawl>/summary.json and log the summary when the crawl ends.
ARCHIVER_SUMMARY_ENABLED = True
EXTENSIONS: dict[str, int] = {
    "archiver.extensions.warc.WarcExtension": 100,
    "archiver.summary.CrawlSummary": 500,
}
