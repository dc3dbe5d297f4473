from __future__ import annotations

import pytest

from archiver.dates import parse_date


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("September 16th, 2011 04:25 PM ET", {}, "2011-09-16T16:25:00-04:00"),
        ("January 16th, 2011 04:25 PM ET", {}, "2011-01-16T16:25:00-05:00"),
        ("September 16th, 2011", {}, "2011-09-16"),
        ("May 15, 2021 at 4:38 pm | Reply", {}, "2021-05-15T16:38:00"),
        ("2019-06-19T19:38:08+00:00", {}, "2019-06-19T19:38:08+00:00"),
        ("2019-06-19T19:38:08Z", {}, "2019-06-19T19:38:08+00:00"),
        ("2019-06-19", {}, "2019-06-19"),
        ("Jun 20th at 2:41 am", {"reference": "2019-06-19T19:38:08+00:00"}, "2019-06-20T02:41:00"),
        ("Jan 3rd at 9:00 am", {"reference": "2018-12-30"}, "2019-01-03T09:00:00"),
        ("8. Dezember 2010 um 09:43 Uhr", {"languages": ("de",)}, "2010-12-08T09:43:00"),
        ("26 abril 2022", {"languages": ("es",)}, "2022-04-26"),
        ("14:05 CEST, 3 July 2020", {}, "2020-07-03T14:05:00+02:00"),
        ("3 Jan 2020 10:00 UTC+01:00", {}, "2020-01-03T10:00:00+01:00"),
    ],
)
def test_parse_date(text: str, kwargs: dict, expected: str) -> None:
    assert parse_date(text, **kwargs) == expected


@pytest.mark.parametrize("text", [None, "", "no date here", "Reply", "12", "x" * 500])
def test_not_a_date(text: str | None) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("15 января 2020", {}, "2020-01-15"),  # no page language: the common languages are tried
        ("3 March 2020", {"languages": ("de",)}, "2020-03-03"),  # page says German, date is English
        ("26 Mai, 2008 | ThE_PaiN | Kommentare 34", {"languages": ("de",)}, "2008-05-26"),
    ],
)
def test_dates_outside_the_page_language(text: str, kwargs: dict, expected: str) -> None:
    from archiver.dates import parse_date_in

    assert parse_date_in(text, **kwargs) == expected
