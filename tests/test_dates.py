from __future__ import annotations

import pytest

from archiver.dates import looks_like_date, parse_date, parse_date_in


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


@pytest.mark.parametrize(
    ("text", "languages"),
    [
        ("June 19, 2019", None),
        ("25. September 2020 um 13:44", ("de",)),
        ("December 24, 2020 at 3:53 am", ("en",)),
        ("February 9, 2021 at 10:16 pm:", ("en",)),
        ("12:30 am", ("en",)),
        ("Sept 3, 2019 at 12:05 pm", ("en",)),
        ("5 mai 2025 08:16", ("fr",)),
        ("Mai 26, 2008", ("de",)),
        ("3 maart 2021 23:59", ("nl",)),
        ("31 February 2020", ("en",)),
        ("7 Oct. 2018 7:01 p.m.", ("en",)),
        ("13 agosto 2019 13:00 pm", ("it",)),
        ("Saturday, May 9 2020, 5:15am", ("en",)),
        ("Thu, 30 Oct 2008 22:41:45", ("en",)),
        ("Freitag, 5. Juni 2015", ("de",)),
        ("3/9/2017, 4:59:32 PM", ("en",)),
        ("2016/08/02 10:37", ("en",)),
        ("2013/12/28 22:50", ("zh",)),
    ],
)
def test_month_name_fast_path_agrees_with_dateparser(
    text: str, languages: tuple[str, ...] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Common month-name and numeric dates skip dateparser; the result must be what
    dateparser gives."""
    from archiver import dates

    dates._parse_human.cache_clear()
    fast = parse_date(text, languages=languages)
    monkeypatch.setattr(dates, "_month_name_date", lambda text, languages: None)
    monkeypatch.setattr(dates, "_numeric_date", lambda text, languages: None)
    dates._parse_human.cache_clear()
    assert fast == parse_date(text, languages=languages)
    dates._parse_human.cache_clear()


@pytest.mark.parametrize(("text", "language"), [("Juni 2018", "de"), ("March/April 2012 Issue", "en"),
                                                ("Dezember 2019", "en")])
def test_a_year_with_no_other_number_is_no_day_for_dateparser_either(text: str, language: str) -> None:
    """The archiver answers no date without asking dateparser when a text has no number
    but its year: dateparser, asked for day, month and year, finds none either."""
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    assert dateparser.parse(text, languages=[language], settings=settings) is None
    assert parse_date(text, languages=(language,)) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("August 07, 20192:45 am", "2019-08-07T02:45:00"),
    ("September 02 , 201912:52 pm", "2019-09-02T12:52:00"),
    ("Posted 2019-08-07, ref. 20193", "2019-08-07"),  # digits after a year but no clock: left alone
])
def test_a_year_glued_to_the_time_after_it(text: str, expected: str) -> None:
    """A theme that prints the date and the time in two elements with no space between."""
    from archiver.dates import parse_date_in

    assert parse_date_in(text, languages=("en",)) == expected


def test_month_name_fast_path_is_taken() -> None:
    from archiver.dates import _month_name_date

    assert _month_name_date("25. september , 2020 13:44", ("de",)) is not None
    assert _month_name_date("june 19 , 2019", None) is not None
    assert _month_name_date("sept 3 , 2019 12:05 pm", ("de",)) is None  # abbreviations: English pages only
    assert _month_name_date("26 de abril de 2022", ("es",)) is None  # left to dateparser
    assert _month_name_date("saturday , may 9 2020 , 5:15am", ("en",)) is not None  # a weekday first
    assert _month_name_date("thu , 30 oct 2008 22:41:45", ("de",)) is None  # abbreviated: English pages only
    from archiver.dates import _numeric_date

    assert _numeric_date("2016/08/02 10:37", ("en",)) is not None  # year first
    assert _numeric_date("3/9/2017 , 4:59:32 PM", ("en",)) is not None  # "PM" in capitals


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("wtorek, 11 maja 2021, 23:13", "pl", "2021-05-11T23:13:00"),
    ("5 сентября 2019, 12:30", "ru", "2019-09-05T12:30:00"),
    ("12. května 2020", "cs", "2020-05-12"),
    ("jueves 21 de abril de 2022 4:44 PM", "es", "2022-04-21T16:44:00"),
    ("23 de maio de 2018", "pt", "2018-05-23"),
])
def test_month_names_beyond_the_fast_path_are_found_in_a_line(text: str, lang: str, expected: str) -> None:
    from archiver.dates import date_span, looks_like_date

    line = f"Anna {text} Antwort"
    assert looks_like_date(text)
    span = date_span(line, languages=(lang,))
    assert span is not None
    assert parse_date(line[span[0]:span[1]], languages=(lang,)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 04 Oct 2010 13:37:00 +0000 | Reply", "2010-10-04T13:37:00+00:00"),
        ("October 4, 2010 at 1:37 pm +02:00", "2010-10-04T13:37:00+02:00"),
        ("Oct 4, 2010 - 2010 words", "2010-10-04"),
    ],
)
def test_a_numeric_offset_after_the_time_in_a_line(text: str, expected: str) -> None:
    from archiver.dates import parse_date_in

    assert parse_date_in(text, languages=("en",)) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("20.03.2023 в 22:13", "ru"),          # WordPress ru_RU: "d.m.Y в H:i"
        ("20 марта 2023 в 22:13", "ru"),
        ("20.03.2023 klo 22.13", "fi"),        # Finnish news sites: "klo 14.00"
        ("20/03/2023 às 22:13", "pt"),
        ("20-03-2023 om 22:13", "nl"),
        ("20.03.2023 o 22:13", "pl"),
        ("20 marzo 2023 alle 22:13", "it"),
        ("20. März 2023 um 22:13 | Antworten", "de"),
        ("March 20, 2023 at 10:13 pm | Reply", "en"),
    ],
)
def test_the_word_for_at_between_a_date_and_its_time_in_any_language(text: str, lang: str) -> None:
    """A comment's date line as WordPress prints it in each language: the short word that
    joins the date to its time ("в", "klo", "às") must not cut the time off."""
    from archiver.dates import parse_date_in

    assert parse_date_in(text, languages=(lang,)) == "2023-03-20T22:13:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20 mars 2023 à 22 h 13 min", "2023-03-20T22:13:00"),  # WordPress fr_FR: "j F Y" and "G \h i \m\i\n"
        ("20.03.2023 à 22 h 13 min", "2023-03-20T22:13:00"),     # read as "22 hours 13 minutes ago" before
        ("le 20 mars 2023 à 22h13", "2023-03-20T22:13:00"),
        ("20 mars 2023 à 8 h 05 min", "2023-03-20T08:05:00"),
    ],
)
def test_the_french_clock(text: str, expected: str) -> None:
    from archiver.dates import parse_date_in

    assert parse_date(text, languages=("fr",)) == expected
    assert parse_date_in(text, languages=("fr",)) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("2023年3月20日 22:13 返信", "ja"),          # WordPress ja: "Y年n月j日" and "H:i", then "Reply"
        ("2023年03月20日 22時13分", "ja"),
        ("2023年3月20日(月) 22:13", "zh"),            # a weekday in brackets: its 月 is no month
        ("2023년 3월 20일 오후 10:13 답글", "ko"),
        ("2023年3月20日 - 午後10:13", "ja"),          # 午前/午後 glued to the clock
        ("2023年3月20日 下午10:13", "zh"),
        ("Marek Nowak - 20 3月 2023 - 10:13 PM", "ja"),  # a theme's own "d F Y" in Japanese, after a name
    ],
)
def test_chinese_japanese_and_korean_dates(text: str, lang: str) -> None:
    """Year, month and day marked by 年月日 (년월일): a date the cheap test must see, so
    that post and comment dates in these languages are read at all."""
    from archiver.dates import looks_like_date, parse_date_in

    assert looks_like_date(text)
    assert parse_date_in(text, languages=(lang,)) == "2023-03-20T22:13:00"


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年04月24日23:52 | 来源：新华网", "2024-04-24T23:52:00"),  # the day glued to its clock
    ("环球时报新媒体 2024-05-18 16:56发布于北京", "2024-05-18T16:56:00"),  # the clock glued to the words after it
    ("By.KJ : 2019年04月04日 09:00", "2019-04-04T09:00:00"),
    ("2018년 08월 25일 15:24", "2018-08-25T15:24:00"),
])
def test_a_year_month_and_day_named_by_their_signs_are_read_in_any_language(text: str, expected: str) -> None:
    """年月日 (년월일) name the year, month and day whatever the page's language says it is
    (people.com.cn declares none a date reader knows), and a clock glued to the day or to
    the words after it is the day's time (new.qq.com's "16:56发布于北京")."""
    for languages in (None, ("en",), ("utf",)):
        assert parse_date_in(text, languages=languages) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("20.03.2023 à 22 heures", "fr"),
    ("20/03/2023 há 3 horas", "pt"),
    ("20.03.2023, vor 2 Stunden", "de"),
])
def test_a_date_read_as_another_year_than_it_writes_is_no_date(text: str, lang: str) -> None:
    """dateparser reads a written date followed by words of duration as a time ago, which
    gives the day of the crawl: a hollow value. A reading whose year is none of the years
    the text writes is dropped."""
    assert parse_date(text, languages=(lang,)) is None


@pytest.mark.parametrize(("text", "day"), [
    # the published and the updated date shown with no space between: the first is the post's
    ("January 5, 2009January 5, 2009 by Alan Silverleib", "2009-01-05"),
    ("Nov. 20, 2019Updated: Nov. 20, 2019 1:35 a.m.", "2019-11-20"),
])
def test_a_date_shown_twice_glued_is_read_once(text: str, day: str) -> None:
    assert parse_date_in(text, languages=("en",)) == day


def test_a_date_with_spaced_dots_looks_like_a_date() -> None:
    """A theme's "d . M . Y": the cheap test lets it through to the parser."""
    assert looks_like_date("01 . Apr . 2023")
    assert parse_date_in("01 . Apr . 2023") == "2023-04-01"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Le 1er juillet à 19:47", "fr", "2019-07-01T19:47:00"),
    ("1º de maio, 10:15", "pt", "2019-05-01T10:15:00"),
    ("1st of May at 10:15", "en", "2019-05-01T10:15:00"),
])
def test_the_first_of_a_month_written_as_an_ordinal_looks_like_a_date(text: str, lang: str, expected: str) -> None:
    """French "1er", Portuguese "1º", English "1st of", without the year as comments
    show them: the cheap test lets the ordinal day through to the parser, which reads it
    in the year of the post."""
    assert looks_like_date(text)
    assert parse_date_in(text, languages=(lang,), reference="2019-01-01") == expected


@pytest.mark.parametrize("reference", ["2024-03-10", "2024-03-10T08:00:00+01:00"])
def test_a_year_less_29_february_before_the_reference_is_no_error(reference: str) -> None:
    """A date without its year falls in the year after the reference when it lies before
    it; "29 Feb" has no day there, so it stays in the reference's leap year (a forum's
    "Feb 29, 10:15" under a post of March used to raise ValueError)."""
    assert parse_date_in("Feb 29, 10:15", languages=("en",), reference=reference) == "2024-02-29T10:15:00"
    assert parse_date("29 February", languages=("en",), reference=reference) == "2024-02-29"
