"""Failed requests are counted by a short, stable kind name."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError
from twisted.python.failure import Failure

from spiders.crawl_stats import error_kind


def failure_of(error: Exception) -> Failure:
    try:
        raise error
    except Exception:  # noqa: BLE001 - capturing it is the point
        return Failure()


def test_error_kinds() -> None:
    response = Response("http://blog.example.org/x/", status=503, request=Request("http://blog.example.org/x/"))
    assert error_kind(failure_of(HttpError(response, "Ignoring non-200 response"))) == "http_503"
    assert error_kind(failure_of(TimeoutError())) == "timeout"
    assert error_kind(failure_of(DNSLookupError())) == "dns"
    assert error_kind(failure_of(ConnectionRefusedError())) == "connection_refused"
    assert error_kind(failure_of(IgnoreRequest("Forbidden by robots.txt"))) == "robots"
    assert error_kind(failure_of(IgnoreRequest("Filtered offsite request to 'x.org'"))) == "offsite"
    assert error_kind(failure_of(IgnoreRequest("max redirections reached"))) == "redirect_loop"
    assert error_kind(failure_of(IgnoreRequest("Ignored request not in cache"))) == "ignored"
    assert error_kind(failure_of(ValueError("boom"))) == "valueerror"
