"""The Scrapy settings module of the archiver (``scrapy.cfg`` points here).

Every setting the archiver adds is prefixed ``ARCHIVER_`` and has its default here, with a
comment saying what it does; ``docs/settings.md`` documents each one. Override any of
them per run with ``scrapy crawl blog -s NAME=VALUE`` or in a project's own settings.
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

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

# --- Output -----------------------------------------------------------------------------
# Folder that holds one sub-folder per crawl: <ARCHIVER_OUTPUT_DIR>/<crawl name>/.
ARCHIVER_OUTPUT_DIR = "output"
# Name of the crawl's folder; empty = derived from the start URL's host.
ARCHIVER_CRAWL_NAME = ""

# --- WARC writing (pipelines/warc.py, archiver/warc/) ------------------------------------
# (section owned by the WARC component)

# --- Crawl scope and discovery (spiders/blog.py, archiver/discovery.py) ----------------
# (section owned by the spider)

# --- Item pipelines ---------------------------------------------------------------------
ITEM_PIPELINES: dict[str, int] = {}
EXTENSIONS: dict[str, int] = {}
