"""Dates as pages write them -> ISO 8601 strings that keep exactly what the page said.

Rules (documented in docs/items.md):

* a zone on the page (an offset, ``Z``, or an abbreviation such as ``ET`` or ``CEST``) gives a
  full timestamp with its UTC offset; US and European *wall-clock* abbreviations (ET, PT, CET…)
  get the offset in force on that date, so "04:25 PM ET" in September is ``-04:00``;
* a time without a zone gives a naive local timestamp (``2021-05-15T16:38:00``);
* a date without a time gives a date only (``2011-09-16``);
* a date without a year ("Jun 20th at 2:41 am", common in comment lists) takes its year from a
  reference date (the post's), moved a year on if that would put it before the reference.

ISO strings take a fast path through :func:`datetime.fromisoformat`; human text goes through
dateparser (many languages), restricted to the page language when it is known.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

_WALL_CLOCK_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "CET": "Europe/Berlin",
    "CEST": "Europe/Berlin",
    "MEZ": "Europe/Berlin",
    "MESZ": "Europe/Berlin",
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
}
_FIXED_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "IST": 5.5,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AEST": 10, "AEDT": 11, "JST": 9, "KST": 9, "SAST": 2,
}
_ZONE_ABBR = re.compile(
    r"\b(" + "|".join(sorted({*_WALL_CLOCK_ZONES, *_FIXED_ZONES} - {"Z"}, key=len, reverse=True)) + r")\b\.?"
)
_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})\b")
_HAS_TIME = re.compile(r"(?<![\d./])\d{1,2}\s*[:.h]\s*\d{2}(?![\d]|[./]\d)|\d\s*[ap]\.?m\b|\b\d{1,2}\s*uhr\b", re.IGNORECASE)
_HAS_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
# Words around dates in bylines and comment footers that only confuse date parsers.
_NOISE = re.compile(
    r"\b(reply|antworten|responder|permalink|posted|published|updated|veröffentlicht|on|um|uhr|at|a las|el|le|à|said|dijo|sagt|says|wrote|schrieb|escribió)\b"
    r"|(?<!\d\s)(?<![\d.])\bam\b"  # German "am 5. Mai", not "12:43 am"
    r"|[|•·@]|\s-\s",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"(\d)(?:(st|nd|rd|th)\b|[º°](?=\s))", re.IGNORECASE)
_MAX_TEXT = 120
_DIGIT = re.compile(r"\d")
# Languages tried after the page's own (dateparser language codes).
FALLBACK_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "ru")


def parse_date(
    text: str | None,
    *,
    languages: tuple[str, ...] | None = None,
    reference: str | None = None,
) -> str | None:
    """Parse a date as written on a page; None when no date can be read from it."""
    if not text:
        return None
    text = _normalised(" ".join(text.split()))
    if not text or len(text) > _MAX_TEXT or not _DIGIT.search(text):
        return None
    if _ISO_LIKE.match(text):
        iso = _parse_iso(text)
        if iso:
            return iso
    return _parse_human(text, languages, reference)


def _parse_iso(text: str) -> str | None:
    try:
        value = datetime.fromisoformat(text.replace(" ", "T", 1) if len(text) > 10 else text)
    except ValueError:
        return None
    if len(text) == 10:
        return value.date().isoformat()
    return format_datetime(value)


def format_datetime(value: datetime) -> str:
    """ISO 8601 to the second, with offset when the value is aware (``+00:00``, never ``Z``)."""
    return value.replace(microsecond=0).isoformat(timespec="seconds")


@lru_cache(maxsize=4096)
def _parse_human(text: str, languages: tuple[str, ...] | None, reference: str | None) -> str | None:
    zone, offset, cleaned = _split_zone(text)
    has_time = bool(_HAS_TIME.search(cleaned))
    has_year = bool(_HAS_YEAR.search(cleaned)) or _TWO_DIGIT_YEAR.fullmatch(cleaned.strip(" ,.:;@")) is not None
    if has_year and reference is not None:
        # A date that writes its year reads the same whatever the reference (only a
        # year-less one takes anything from it): read it once for all references, as the
        # entry without one (a comment's date line is read with the post's date as the
        # reference, then again with the comment's own).
        return _parse_human(text, languages, None)
    if not has_year and not reference:
        return None  # a year-less date with nothing to take the year from: no guess
    cleaned = _ORDINAL.sub(r"\1", _NOISE.sub(" ", cleaned))
    cleaned = " ".join(cleaned.replace(",", " , ").split()).strip(" ,")
    parsed = _dateparser(cleaned, languages, has_year, reference)
    if parsed is None:
        return None
    years = _HAS_YEAR.findall(cleaned)
    if years and str(parsed.year) not in years:
        return None  # read as something else than the year it writes: "… 22 h 13 min" as "… ago"
    if not has_year and reference:
        ref = _reference_datetime(reference)
        if ref and parsed < ref - timedelta(days=1):
            try:
                parsed = parsed.replace(year=parsed.year + 1)
            except ValueError:
                pass  # 29 February: the next year has none, so the reference's year it is
    if not has_time:
        return parsed.date().isoformat()
    if zone:
        return format_datetime(parsed.replace(tzinfo=zone))
    if offset is not None:
        return format_datetime(parsed.replace(tzinfo=offset))
    return format_datetime(parsed)


def _split_zone(text: str) -> tuple[ZoneInfo | None, timezone | None, str]:
    """Take a zone abbreviation or numeric offset out of the text."""
    match = _OFFSET.search(text)
    if match and _HAS_TIME.search(text[: match.start()]):
        sign = -1 if match.group(1) == "-" else 1
        delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))
        return None, timezone(sign * delta), (text[: match.start()] + text[match.end() :]).strip()
    match = _ZONE_ABBR.search(text)
    if match:
        abbr = match.group(1)
        rest = (text[: match.start()] + " " + text[match.end() :]).strip()
        if abbr in _WALL_CLOCK_ZONES:
            return ZoneInfo(_WALL_CLOCK_ZONES[abbr]), None, rest
        return None, timezone(timedelta(hours=_FIXED_ZONES[abbr])), rest
    return None, None, text


def _reference_datetime(reference: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(reference)
    except ValueError:
        return None
    return value.replace(tzinfo=None)


# Month names for the fast path: full names in the common blog languages (none means
# another month in another of them), English abbreviations only on English pages.
_MONTH_NAMES: dict[str, int] = {
    name: number
    for names in (
        "january february march april may june july august september october november december",
        "januar februar märz april mai juni juli august september oktober november dezember",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
        "januari februari maart april mei juni juli augustus september oktober november december",
    )
    for number, name in enumerate(names.split(), 1)
}
_MONTH_ABBREVIATIONS = {name[:3]: n for name, n in list(_MONTH_NAMES.items())[:12]} | {"sept": 9}
_TIME = r"(?:\s*,?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?)?"
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.?\s*,?\s*([^\W\d_]+)\.?\s*,?\s*(\d{4})" + _TIME)
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})\.?\s*,?\s*(\d{4})" + _TIME)


# Weekday names of the common blog languages (record.py knows them too: a weekday is no name).
WEEKDAY_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles jueves viernes sábado domingo "
    "lunedì martedì mercoledì giovedì venerdì sabato domenica "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
)
_WEEKDAY_ABBREVIATIONS = frozenset("mon tue tues wed thu thur thurs fri sat sun".split())
_LEADING_WORD = re.compile(r"([^\W\d_]+)\.?\s*,?\s+(?=\d|[^\W\d_]+\.?\s+\d)")


def _without_weekday(text: str, languages: tuple[str, ...] | None) -> str:
    """"saturday , may 9 2020" without its weekday (abbreviated ones on English pages only),
    which says nothing the date does not."""
    match = _LEADING_WORD.match(text)
    if match is None:
        return text
    word = match.group(1)
    if word in WEEKDAY_NAMES or word in _WEEKDAY_ABBREVIATIONS and (not languages or languages[0] in ("en", "en-gb")):
        return text[match.end():]
    return text


def _month_name_date(text: str, languages: tuple[str, ...] | None) -> datetime | None:
    """"June 19, 2019", "Saturday, May 9 2020, 5:15am", "25. September 2020 13:44",
    "5 May 2025 8:16 pm" without dateparser (~2 ms a call, and every comment date is a
    new text). None for anything else, which then goes to dateparser; tests/test_dates.py
    checks both agree."""
    text = _without_weekday(text.strip(" ,.:;").lower(), languages)
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, word, year = match.group(1, 2, 3)
    elif match := _MONTH_DAY_YEAR.fullmatch(text):
        word, day, year = match.group(1, 2, 3)
    else:
        return None
    month = _MONTH_NAMES.get(word)
    if month is None and (not languages or languages[0] in ("en", "en-gb")):
        month = _MONTH_ABBREVIATIONS.get(word)
    if month is None:
        return None
    return _at(int(year), month, int(day), *match.group(4, 5, 6, 7))


def _at(year: int, month: int, day: int, hour: str | None, minute: str | None, second: str | None,
        half: str | None) -> datetime | None:
    """The datetime of matched date and time parts; None when they name no real moment
    (an hour of 13 with "pm", the 30th of February)."""
    hour_number = int(hour or 0)
    if half:
        if not 1 <= hour_number <= 12:
            return None
        hour_number = hour_number % 12 + (12 if half == "p" else 0)
    try:
        return datetime(year, month, day, hour_number, int(minute or 0), int(second or 0))
    except ValueError:
        return None


_TWO_DIGIT_YEAR = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2}(?:\s.*)?")
_NUMERIC = re.compile(r"(\d{1,2})([./])(\d{1,2})\2?\s*,?\s*(\d{4}|\d{2})" + _TIME)
_YEAR_FIRST = re.compile(r"((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})" + _TIME)
# "2024年04月24日 23:52", "2018년 8월 25일": year, month and day named, whatever the page's language
_CJK_YEAR_FIRST = re.compile(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]" + _TIME)


def _numeric_date(text: str, languages: tuple[str, ...] | None) -> datetime | None:
    """"17.07.2011 13:04", "17.07, 2011 @ 13:04" (day first), "3/14/2012 5:12 PM" (month
    first on English pages, day first elsewhere), "2016/08/02 10:37" and "2024年04月24日
    23:52" (year first) without dateparser."""
    text = text.strip(" ,.:;@").replace(" @ ", " ").replace("@", " ").lower()
    if year_first := _YEAR_FIRST.fullmatch(text) or _CJK_YEAR_FIRST.fullmatch(text):
        year, month, day = year_first.group(1, 2, 3)
        return _at(int(year), int(month), int(day), *year_first.group(4, 5, 6, 7))
    match = _NUMERIC.fullmatch(text)
    if match is None:
        return None
    first, separator, second, year = match.group(1, 2, 3, 4)
    month_first = separator == "/" and (not languages or languages[0] == "en")
    day, month = (int(second), int(first)) if month_first else (int(first), int(second))
    if month > 12 >= day:  # "12.29.14": the other order is the only one that can be
        day, month = month, day
    full_year = int(year) + (2000 if len(year) == 2 and int(year) < 70 else 1900 if len(year) == 2 else 0)
    return _at(full_year, month, day, *match.group(5, 6, 7, 8))


def _dateparser(
    text: str, languages: tuple[str, ...] | None, has_year: bool, reference: str | None
) -> datetime | None:
    fast = (_month_name_date(text, languages) or _numeric_date(text, languages)) if has_year else None
    if fast is not None:
        return fast if 1990 <= fast.year <= date.today().year + 1 else None
    if has_year and not _DIGIT.search(_HAS_YEAR.sub("", text)):
        return None  # "Juni 2018": no number but the year, so no day, which every reading needs
    import dateparser  # imported on first human date: its language data takes ~0.3 s to load

    settings: dict[str, object] = {
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month"] if not has_year else ["day", "month", "year"],
        "DATE_ORDER": "DMY" if languages and languages[0] != "en" else "MDY",
    }
    if reference and not has_year:
        ref = _reference_datetime(reference)
        if ref:
            settings["RELATIVE_BASE"] = ref
    # The page language first, then the common blog languages. Never dateparser's search
    # over all ~200 locales: on a text that is no date it costs seconds.
    langs = [language.split("-")[0] for language in languages or ()]
    fallback = [lang for lang in FALLBACK_LANGUAGES if lang not in langs]
    try:
        parsed = dateparser.parse(text, languages=langs, settings=settings) if langs else None  # type: ignore[arg-type]
        if parsed is None:
            parsed = dateparser.parse(text, languages=fallback, settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError, KeyError):
        return None
    if parsed is None or not (1990 <= parsed.year <= date.today().year + 1):
        return None
    return parsed


def date_part(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` part of an ISO date or timestamp."""
    return value[:10] if value else None


_PARTS = re.compile(r"\s*(?:[|·•]|\s[-–—]\s)\s*")


def parse_date_in(
    text: str | None, *, languages: tuple[str, ...] | None = None, reference: str | None = None
) -> str | None:
    """A date in a line that also holds other things ("26 Mai, 2008 | Author | 3
    Kommentare", "geschrieben von NAME am 21. Jan. 2015, 19:04", "Reply #1 Oct. 9, 2010 -
    7:28 AM EST"): read from where a date starts, as far as date words go; the whole text
    and the parts between separators only when no date start is found."""
    if not text:
        return None
    text = _normalised(" ".join(text.split()))
    if _ISO_LIKE.match(text):
        return parse_date(text, languages=languages, reference=reference)
    position = 0
    while (match := _DATE_LIKE.search(text, position)) is not None:  # overlapping starts: "#1 Oct. 9, 2010"
        found = _date_from(text, match.start(), languages, reference)
        if found:
            return _with_time_before(text, match.start(), found, languages, reference) if len(found) == 10 else found
        position = match.start() + 1
    found = parse_date(text, languages=languages, reference=reference)
    if found:
        return found
    for part in _PARTS.split(text):
        found = parse_date(part, languages=languages, reference=reference)
        if found:
            return found
    return None


def date_span(text: str, *, languages: tuple[str, ...] | None = None, reference: str | None = None) -> tuple[int, int] | None:
    """Where the date of a line is (start, end), to take it out of a meta line and keep
    the name beside it ("pee. Posted: Oct.28 at 4:22 pm")."""
    position = 0
    while (match := _DATE_LIKE.search(text, position)) is not None:
        end = _date_end(text, match.start(), languages, reference)
        if end is not None:
            return match.start(), end
        position = match.start() + 1
    return None


def _date_end(text: str, start: int, languages: tuple[str, ...] | None, reference: str | None) -> int | None:
    """End offset of the date that :func:`_date_from` reads at ``start``."""
    tokens = list(re.finditer(r"\S+", text[start:]))
    run = next((i for i, token in enumerate(tokens[:10]) if not _is_date_token(token.group(0))), min(len(tokens), 10))
    for size in range(run, 0, -1):  # the words after the date ("Reply", "Antworten") are no part of it
        if _date_from(text[start:start + tokens[size - 1].end()], 0, languages, reference) is not None:
            return start + tokens[size - 1].end()
    return None


_TIME_OF_DAY = re.compile(r"(?<![\d./])\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?![\d./])", re.IGNORECASE)


def _with_time_before(text: str, start: int, day: str, languages: tuple[str, ...] | None,
                      reference: str | None) -> str:
    """A day whose time stands before it ("09:02 PM 10/28/10", "at 10:15 on 3 May 2012"):
    the one time of day in a short line, read with the date."""
    times = list(_TIME_OF_DAY.finditer(text[:start]))
    if len(times) != 1 or len(text) > 80:
        return day
    combined = parse_date(f"{_run_text(text, start)} {times[0].group(0)}", languages=languages, reference=reference)
    return combined if combined and combined[:10] == day else day


def _run_text(text: str, start: int) -> str:
    tokens = []
    for token in text[start:].split()[:6]:
        if not _DATE_TOKEN.fullmatch(token.strip(",;:()[]").lower()):
            break
        tokens.append(token)
    return " ".join(tokens).rstrip(" ,;:|-–—@")


@lru_cache(maxsize=8192)
def _is_date_token(token: str) -> bool:
    return bool(_DATE_TOKEN.fullmatch(token.strip(",;:()[]").lower()) or _DATE_TOKEN.fullmatch(token.lower()))


_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")


def _date_from(text: str, start: int, languages: tuple[str, ...] | None, reference: str | None) -> str | None:
    """The date that starts at ``start``: the run of words that can belong to a date or
    a time ("21. Jan. 2015, 19:04", "October 4th, 2010 at 3:41 pm PT"), then shorter
    runs if that does not parse."""
    tokens = text[start:].split()
    run: list[str] = []
    year_seen = False
    for position, token in enumerate(tokens[:10]):
        if year_seen and token.strip(",.;:").lower() in _MONTH_NAMES:
            break  # a month after the year begins the next date ("January 5, 2009 January 5, 2009")
        year_seen = year_seen or _YEAR_TOKEN.fullmatch(token.strip(",.;:()")) is not None
        if not _is_date_token(token):
            if run and _connects_a_time(token, tokens[position + 1:position + 2]):
                continue  # "20.03.2023 в 22:13", "… klo 22.13", "… às 22:13": the word for "at"
            break
        run.append(token)
    for size in range(len(run), 0, -1):
        candidate = " ".join(run[:size]).rstrip(" ,;:|-–—@")
        if not _DIGIT.search(candidate):
            break
        found = parse_date(candidate, languages=languages, reference=reference)
        if found:
            return found
        if size <= len(run) - 3:
            break
    return None


# "22 h 13 min", "22h13": the clock of French sites (WordPress's fr_FR time format).
_FRENCH_CLOCK = re.compile(r"(?<![\d:.])(\d{1,2})\s?h\s?(\d{2})(?:\s?min\b)?(?![\d])", re.IGNORECASE)
_CJK_CLOCK = re.compile(r"(\d{1,2})\s*[時时]\s*(\d{1,2})\s*分")
# "August 07, 20192:45 am": a year and the time after it in two elements with no space
_GLUED_CLOCK = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\d{1,2}:\d\d(?!\d))")
# "January 5, 2009January 5, 2009": a date shown twice (published and updated) with no
# space between, a year glued to the month name after it
_GLUED_WORD = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=[^\W\d_]{3})")
# "24日23:52", "16:56发布于北京": a clock glued to the day before it or to the words after it
_CJK_GLUED_CLOCK = re.compile(r"(?<=[日일])(?=\d{1,2}:\d\d)|(?<=\d:\d\d)(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])")
_CJK_WEEKDAY = re.compile(r"\s*[（(]\s*[月火水木金土日]\s*[）)]\s*")
# A short word between a date and its time, in any language ("at", "um", "à", "в", "klo",
# "às", "om", "o", "alle", "kl."): no digit, at most five letters.
_CONNECTOR = re.compile(r"^[^\W\d_]{1,5}\.?$")
_CLOCK_START = re.compile(r"^\d{1,2}[:.]\d{2}(?!\d)")


def _normalised(text: str) -> str:
    """``22 h 13 min`` (French) and ``22時13分`` (Japanese, Chinese) as ``22:13``, which every
    date reader here knows, a year glued to the time after it set apart, and a Japanese
    weekday in brackets ("20日(月)") left out:
    dateparser reads the French form as a duration, "22 hours 13 minutes ago", drops the
    Japanese time, and takes the weekday's 月 for a month.

    Each substitution runs only where its pattern is found: a ``sub`` with a group in its
    replacement costs three times a ``search``, and most texts hold none of these forms."""
    if ("h" in text or "H" in text) and _FRENCH_CLOCK.search(text):
        text = _FRENCH_CLOCK.sub(r"\1:\2", text)
    if "分" in text and _CJK_CLOCK.search(text):
        text = _CJK_CLOCK.sub(r"\1:\2", text)
    if "(" in text or "（" in text:
        text = _CJK_WEEKDAY.sub(" ", text)
    if ":" in text and _GLUED_CLOCK.search(text):
        text = _GLUED_CLOCK.sub(r"\1 ", text)
    if ":" in text and _CJK_GLUED_CLOCK.search(text):
        text = _CJK_GLUED_CLOCK.sub(" ", text)
    return _GLUED_WORD.sub(r"\1 ", text) if _GLUED_WORD.search(text) else text


def _connects_a_time(token: str, following: list[str]) -> bool:
    """Whether ``token`` is the short word that joins a date to the time after it."""
    return bool(following) and _CONNECTOR.match(token) is not None and _CLOCK_START.match(following[0]) is not None


# Month names of further languages, as dates write them (Polish and Czech genitives,
# Russian, Scandinavian, Turkish, Indonesian, Hungarian, Romanian): only the cheap test
# below knows them, dateparser reads the date.
_OTHER_MONTH_WORDS = (
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia "
    "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień "
    "ledna února března dubna května června července srpna září října listopadu prosince "
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря "
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
    "augusti marts ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık "
    "maret agustus desember január február március április május június július augusztus szeptember "
    "október ianuarie februarie martie aprilie iunie iulie septembrie octombrie noiembrie decembrie"
)

# Month names and abbreviations of the common blog languages, for a cheap "could this be
# a date?" test before any parser runs (a comment has a dozen short lines; one is its date).
_MONTH_WORDS = sorted(
    {name for name in _MONTH_NAMES} | {name[:3] for name in _MONTH_NAMES} | {"sept", "mrz", "mär", "févr", "janv",
     "avr", "juil", "déc", "dez", "okt", "mai", "ene", "abr", "dic", "ago", "set", "gen", "giu", "lug", "ott",
     "mei", "mrt", "okt"} | set(_OTHER_MONTH_WORDS.split()),
    key=len, reverse=True,
)


def _alternation(words: list[str]) -> str:
    """A pattern for any of ``words``, written as a tree of their shared beginnings
    (``ju(?:l(?:y)?|n(?:e)?)`` for july, jul, june, jun). It matches the same strings as
    ``a|b|…``, but where a date may start (every word of a line) the regex engine follows
    one branch per letter instead of trying ~150 month names one after another."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")


_MONTH = _alternation(_MONTH_WORDS)
# Where a date may start. Only the start of a match is used (and whether there is one),
# so branches that begin alike are tried together: the same starts, found 5x faster.
_DATE_LIKE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"                                 # 2012-10-26
    r"|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]"                       # 2023年3月20日, 2023년 3월 20일
    r"|\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]|\b\d{1,2}\s+\d{1,2}[月월]"  # 3月20日; 26 3月 2023 (a theme's "d F Y")
    r"|\b(?:\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b"                # 26.10.2012, 10/26/12
    r"|\d{1,2}\.\d{1,2}\.?,?\s*\d{4}\b"                        # 17.07, 2011
    r"|\d{1,2}(?:st|nd|rd|th|er|º)?\s?\.?\s*(?:de\s+|del\s+|of\s+|d['’]\s*)?" + _MONTH + r")"  # 26 Oct, 5. Juni, 21 de abril, 3 d'abril, 01 . Apr, 1er juillet
    r"|\b" + _MONTH + r"\.?\s*(?:\d{1,2}(?!\d)|,?\s*\d{4}\b)",  # October 4th, Oct. 25; June 2015
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def looks_like_date(text: str) -> bool:
    """Whether a short text may hold an absolute date (a cheap test before parsing it).
    Remembered per text: the comment reader asks it of the same lines several times (as
    a date, a name, a text's last block), and one search of the month-name pattern costs
    more than the lookup."""
    return bool(text) and _DIGIT.search(text) is not None and _DATE_LIKE.search(text) is not None


_DATE_TOKEN = re.compile(
    r"@?[\d./:,h-]+(?:st|nd|rd|th|er|e|º|°|[ap]\.?m\.?)?\.?,?"
    r"|(?:\d{1,4}[年년月월日일])+,?|(?:오전|오후|午前|午後|上午|下午)(?:\d{1,2}[:：]\d{2})?"  # 2023年3月20日, 오후, 午前9:40
    r"|(?:" + "|".join(_MONTH_WORDS) + r")[^\W\d_]*\.?(?:\d{1,2}(?:st|nd|rd|th)?)?,?"
    r"|[ap]\.?m\.?,?|uhr|h|at|um|à|a|las|de|del|di|of|the|on|le|el|o'clock|@|[|·•–—-]"
    r"|(?:" + "|".join(sorted({*_WALL_CLOCK_ZONES, *_FIXED_ZONES}, key=len, reverse=True)).lower() + r")\.?,?"
    r"|(?:utc|gmt)[+-]?[\d:]*"
    r"|[+-]\d{2}:?\d{2},?",  # a numeric offset after the time ("13:37:00 +0000")
    re.IGNORECASE,
)
