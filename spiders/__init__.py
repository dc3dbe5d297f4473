"""Scrapy spiders of the archiver (``SPIDER_MODULES``): ``blog`` and the pieces it uses."""
