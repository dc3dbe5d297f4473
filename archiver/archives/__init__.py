"""Crawl a blog as a web archive captured it: the Wayback Machine, Common Crawl, arquivo.pt
or any server that answers CDX queries (pywb's or the Internet Archive's dialect).

The blog spider keeps working with the blog's own URLs; what changes is where a page is
fetched from. :mod:`archiver.downloadermiddlewares.archive_source` turns each request for
an original URL into a request for the capture nearest the linking page's capture time,
found in the archive's index (:mod:`.cdx`, :mod:`.index`), and turns the answer back into
a response for the original URL, with the capture's provenance (:mod:`.provenance`). The
WARC keeps what was fetched, recorded as a copy of the capture (:mod:`.copies`).
``docs/archives.md`` describes the sources, their limits and the etiquette.
"""
