"""Scrapy spider middlewares of the archiver."""
