"""A one-command benchmark of the archiver, every figure a ratio against a baseline run alongside.

Absolute speeds depend on the machine and on whatever else runs on it, so each figure is
measured in the same run as the baseline it is compared with (``python -m bench``):
a bare Scrapy crawl for the full crawl, lxml and trafilatura for extraction, warcio plus
lxml for ``archiver extract``, a smaller crawl for memory. ``docs/benchmark.md`` explains
each figure and its target.
"""
