"""Scrapy downloader middlewares of the archiver (enabled in ``archiver/settings.py``)."""
