"""A deterministic demo news blog: generated content (:mod:`.model`), WordPress-style pages
(:mod:`.render`) and a loopback HTTP server (:mod:`.server`).

``scrapy crawl blog`` with no URL crawls it, so the archiver can be tried offline; the
tests crawl it and compare the items with the model.
"""

from archiver.demo.model import SiteModel, build_site
from archiver.demo.server import DemoServer, serve_demo

__all__ = ["DemoServer", "SiteModel", "build_site", "serve_demo"]
