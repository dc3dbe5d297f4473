"""The WARC record of a page's rendered DOM: a ``conversion`` record, never a ``response``.

What a browser shows after its scripts ran is not anything a server sent, so it is not
stored as an HTTP response. It is an alternative form of the page's content made while
archiving it, which is what WARC's ``conversion`` type is for:

* ``WARC-Target-URI: urn:dom:<page URL>``: a URI of its own, in the manner of
  Browsertrix's ``urn:text:`` and ``urn:view:`` records, so that no replay tool (pywb
  indexes every record type but requests and warcinfo) ever serves the rendered DOM in
  place of the page as it was captured;
* ``WARC-Refers-To``: the ``response`` (or ``revisit``) record of the browser's own fetch
  of the page;
* ``Content-Type: text/html; charset=...``, the body the serialised DOM.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from io import BytesIO

from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders

DOM_URI_PREFIX = "urn:dom:"


def dom_uri(page_url: str) -> str:
    """``urn:dom:http://example.org/post/``: the target URI of a page's rendered DOM."""
    return DOM_URI_PREFIX + page_url


def dom_record(builder: RecordBuilder, page_url: str, html: bytes, content_type: str, taken_at: datetime,
               refers_to: str | None) -> ArcWarcRecord:
    """The ``conversion`` record holding ``html``, the DOM of ``page_url`` when it was read."""
    fields = [
        ("WARC-Type", "conversion"),
        ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid4()}>"),
        ("WARC-Date", record_date(taken_at, builder.warc_version)),
        ("WARC-Target-URI", dom_uri(page_url)),
    ]
    if refers_to:
        fields.append(("WARC-Refers-To", refers_to))
    fields.append(("Content-Type", content_type))
    headers = StatusAndHeaders("", fields, protocol=builder.warc_version)
    return builder.create_warc_record("", "conversion", payload=BytesIO(html), length=len(html),
                                      warc_headers=headers)


def record_date(moment: datetime, warc_version: str) -> str:
    """A WARC-Date: UTC, with microseconds in WARC/1.1, to the second in WARC/1.0."""
    utc = moment.astimezone(UTC)
    text = utc.strftime("%Y-%m-%dT%H:%M:%S")
    if not warc_version.endswith("1.0"):
        text += f".{utc.microsecond:06d}"
    return text + "Z"
