"""Scrapy extensions of the archiver: components that hang off crawl signals."""
