"""Writing and reading WARC files, without Scrapy.

* :mod:`archiver.warc.exchange`: one HTTP exchange as plain values, and how its headers
  are laid out so the stored record is valid (the fidelity policy).
* :mod:`archiver.warc.records`: warcinfo, response and request records built with warcio.
* :mod:`archiver.warc.naming`: collision-free file names and the ``.open`` suffix.
* :mod:`archiver.warc.writer`: the rotating writer that returns each response's place.
* :mod:`archiver.warc.reader`: stream HTML responses out of any WARC, ARC or WACZ file.

The Scrapy side lives in :mod:`archiver.extensions.warc`; ``docs/warc.md`` describes the
files, records and settings.
"""
