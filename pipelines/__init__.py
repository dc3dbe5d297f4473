"""Scrapy item pipelines of the archiver: ``items`` (validate, dedupe, JSON Lines)."""
