"""Comparison rules between parser output and the corpus truth files (``*.truth.json``).

Shared by ``tests/test_corpus.py`` and the ``python -m tests.corpus_truth`` score report,
so the README's score and the test suite measure the same thing.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from archiver.page import Page
from archiver.parsers import ParseResult, parse_page

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
FIELDS = ("title", "published", "authors", "tags", "categories", "comment_total", "first_comments")
# The first 20 pages, which the parsers were written on: always in the tuning set.
ORIGINAL_SITES = frozenset({
    "blog.nightly.mozilla.org", "businessjargons.com", "cubadebate.cu", "dailymaverick.co.za",
    "der-erfolg-gibt-recht.de", "elavegan.com", "en.blog.wordpress.com", "flawlessfood.co.uk",
    "foxyfolksy.com", "geeks3d.com", "grossefragen.wordpress.com", "hacks.mozilla.org", "hearya.com",
    "lemire.me", "netzpolitik.org", "statisticsglobe.com", "verfassungsblog.de", "web.archive.org",
    "winfuture.de",
})
# Sites whose parse results were read before the split was fixed, or (newstown.co.kr, a
# Korean byline's markup read while a rule for the tuning pages was checked) while its
# split was overlooked: tuning set, whatever their hash says, so that the held-out
# figure stays one of pages never studied.
SEEN_BEFORE_SPLIT = frozenset({"midgetmanofsteel.com", "katzen-forum.net", "pocketpc.ch", "newstown.co.kr"})
# The sites of the annotation round of 2026-12-06 (20 pages, 20 sites), all held out: the
# hash had left only 22% of the sites added after the first 20 in the held-out set, and
# these had never been parsed when they were put here. The held-out set is a third again.
HELD_OUT_ROUND_3 = frozenset({
    "accountancyage.com", "antary.de", "coopbuddy.de", "frau-sabienes.de", "jungefreiheit.de", "lefigaro.fr",
    "ninjatraderblog.com", "pikabu.ru", "searchenginejournal.com", "sitepoint.com", "sott.net", "spinsucks.com",
    "sprechwaisen.com", "stylegart.de", "theargus.co.uk", "thisisjanewayne.com",
})

# The sites of the second annotation round of 2026-12-06 (20 pages, 20 sites, from extractors'
# test data and their history), all held out: none had been parsed when they were put here,
# and with the 48 tuning pages of round 6 the held-out set stays about a third of the sites.
HELD_OUT_ROUND_5 = frozenset({
    "antipope.org", "antyweb.pl", "blog.dogsbite.org", "businessinsider.com", "credomag.com", "douban.com",
    "ecochildsplay.com", "geekonomics10000.com", "it-business.de", "itsalovelylife.com", "killsixbilliondemons.com",
    "mobile.slashdot.org", "nextwarez.com", "prospectmagazine.co.uk", "psychologytoday.com",
    "secondavenuesagas.com", "shrinik.blogspot.com", "sweetshark.livejournal.com", "thefrumps.com", "zdrojak.cz",
})
# The sites of the annotation rounds of 2026-12-06 (night) taken from test pages shipped in
# PyPI and npm packages and newspaper4k's test data (round 8: 12 pages, 11 sites; round 9:
# 15 pages, 14 sites), all held out: none had been parsed before.
HELD_OUT_ROUNDS_8_9 = frozenset({
    "2ality.com", "dailymail.co.uk", "dailytech.com", "howtogeek.com", "nba.si.com", "paidcontent.org",
    "swampland.time.com", "thespacereporter.com", "tulsaworld.com", "upr.org", "zdnet.com",
    "blog.izs.me", "china.chinadaily.com.cn", "cosmiclog.nbcnews.com", "en.yna.co.kr", "fox13now.com",
    "lsm.lv", "nikkei.com", "pentagonpost.com", "sciencerecorder.com", "sltrib.com",
    "thefederalistpapers.org", "theregister.co.uk", "time.com", "voanews.com",
})
# The sites of the annotation round of 2026-12-06 (afternoon) taken from a pool of saved pages
# whose parse output had been read, in bulk, to find junk (authors that are no names, comments
# that are no comments) before any truth was written: always in the tuning set.
TUNING_ROUND_6 = frozenset({
    "aif.ru", "andreabottlinger.wordpress.com", "android-developers.googleblog.com", "aoc.media",
    "beyssonmanagement.com", "bhaskar.com", "blog.todamax.net", "bunterepublik.wordpress.com",
    "caktusgroup.com", "campino2k.de", "cric-grenoble.info", "daltoncaldwell.com", "dubisthalle.de",
    "eatwhattonight.com", "elvallenc.cat", "fouryears.eu", "haberturk.com", "hakibenita.com",
    "hatawtabloid.com", "heiko-adams.de", "knowledge-on-air.de", "koha.net", "lastampa.it", "lrt.lt",
    "medium.com", "mein-haustier.de", "miamitodaynews.com", "mk.co.kr", "nettavisen.no", "news.sina.com.tw",
    "news.yahoo.com", "nextkabinett.wordpress.com", "nu.nl", "otempo.com.br", "pinkstinks.de", "prachatai.com",
    "publikum.net", "publinews.gt", "report24.news", "reuters.com", "rp.pl", "sankei.com", "seznamzpravy.cz",
    "silvias.net", "thepostpartumparty.com", "ultimahora.es", "unterwegsinberlin.de", "uusisuomi.fi",
})

# The sites of the annotation round of 2026-12-06 (evening) taken from the extraction
# benchmark, whose parse output had been compared before and after parser changes: always
# in the tuning set.
TUNING_ROUND_7 = frozenset({
    "9to5mac.com", "albawaba.com", "aljazeera.com", "appleinsider.com", "ascom.com", "autoindustriya.com",
    "barrons.com", "bbc.com", "beachbodyondemand.com", "bgr.com", "billboard.com", "blog.comwrap.com",
    "catchitkansas.com", "cbsnews.com", "cbssports.com", "chron.com", "cityam.com", "cleveland.com",
    "cnbc.com", "cnn.com", "crn.com", "ctvnews.ca", "dawgsbynature.com", "dealbreaker.com", "deccanherald.com",
    "detroit.cbslocal.com", "detroitnews.com", "digg.com", "entermedia.co.kr", "expapp.com", "express.co.uk",
    "forbes.com", "foxbusiness.com", "gto-normativy.ru", "hollywoodreporter.com", "inexhibit.com",
    "jaraguadosul.com.br", "jeongdongtheater.com", "lhpat-tm.com", "linknaija.com", "macrumors.com",
    "mensagensreflexao.com.br", "morebikes.co.uk", "mspoweruser.com", "note100yen.com", "polygraph.info",
    "practicalhorsemanmag.com", "pv-magazine.com", "quantamagazine.org", "remember8090.it", "rt.com",
    "snopes.com", "sputniknews.com", "theparadigmng.com", "thespacereview.com",
})


def site_of(path: Path) -> str:
    return path.name.split("--")[0]


def split_of(site: str) -> str:
    """``heldout`` for a third of the sites added after the first 20 (by a stable hash of
    the site name, and the sites of :data:`HELD_OUT_ROUND_3`, :data:`HELD_OUT_ROUND_5` and
    :data:`HELD_OUT_ROUNDS_8_9`),
    ``tune`` for the rest (always for the sites of :data:`TUNING_ROUND_6` and :data:`TUNING_ROUND_7`).
    Held-out pages are scored, never studied."""
    if site in ORIGINAL_SITES or site in SEEN_BEFORE_SPLIT or site in TUNING_ROUND_6 or site in TUNING_ROUND_7:
        return "tune"
    if site in HELD_OUT_ROUND_3 or site in HELD_OUT_ROUND_5 or site in HELD_OUT_ROUNDS_8_9:
        return "heldout"
    return "heldout" if int(hashlib.sha1(site.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def truth_files(split: str = "all") -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.truth.json") if split == "all" or split_of(site_of(p)) == split)


@cache
def parsed(truth_name: str) -> tuple[dict[str, Any], ParseResult]:
    truth = json.loads((CORPUS / truth_name).read_text("utf-8"))
    body = gzip.decompress((CORPUS / (truth["file"] + ".gz")).read_bytes())
    return truth, parse_page(Page(url=truth["url"], body=body))


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def same_date(expected: str | None, actual: str | None) -> bool:
    """Date part when the truth is date-only; wall-clock to the minute otherwise."""
    if expected is None:
        return actual is None
    if actual is None:
        return False
    if len(expected) == 10:
        return actual[:10] == expected
    return actual[:16] == expected[:16]


def _digits(html_id: str | None) -> str | None:
    """The number that identifies a comment in an id ("li-comment-42", "wc-comm-52842_0"):
    its longest run of digits; none for the archiver's content hashes ("h-…")."""
    if not html_id or html_id.startswith("h-"):
        return None
    runs = re.findall(r"\d+", html_id)
    return max(runs, key=len) if runs else None


def check(truth_name: str, field: str) -> list[str]:
    """Differences between truth and output for one field; empty when they match."""
    truth, result = parsed(truth_name)
    article = result.article
    assert article is not None
    problems: list[str] = []
    if field == "title":
        if _norm(article.title) != _norm(truth["title"]):
            problems.append(f"title {article.title!r} != {truth['title']!r}")
    elif field == "published":
        if not same_date(truth["published"], article.published):
            problems.append(f"published {article.published!r} != {truth['published']!r}")
    elif field == "authors":
        expected = truth["authors"] or []
        if article.authors != expected:
            problems.append(f"authors {article.authors!r} != {expected!r}")
    elif field in ("tags", "categories"):
        expected = truth[field] or []
        if sorted(getattr(article, field)) != sorted(expected):
            problems.append(f"{field} {getattr(article, field)!r} != {expected!r}")
    elif field == "comment_total":
        if len(result.comments) != truth["comment_count_visible"]:
            problems.append(f"{len(result.comments)} comments != {truth['comment_count_visible']}")
    elif field == "first_comments":
        for index, want in enumerate(truth["first_comments"]):
            if index >= len(result.comments):
                problems.append(f"comment {index + 1} missing")
                continue
            got = result.comments[index]
            if _norm(got.author) != _norm(want["author"]):
                problems.append(f"comment {index + 1} author {got.author!r} != {want['author']!r}")
            if not same_date(want["published"], got.published):
                problems.append(f"comment {index + 1} published {got.published!r} != {want['published']!r}")
            if not _norm(got.text).startswith(_norm(want["text_first_60"])):
                problems.append(f"comment {index + 1} text {got.text[:60]!r} != {want['text_first_60']!r}")
            parent_known = want["parent_html_id"] is not None or want["depth"] == 1  # a reply without ids: depth says it
            if parent_known and _digits(got.parent_id) != _digits(want["parent_html_id"]):
                problems.append(f"comment {index + 1} parent {got.parent_id!r} != {want['parent_html_id']!r}")
            if got.depth != want["depth"] or got.kind != want["kind"]:
                problems.append(f"comment {index + 1} depth/kind {got.depth}/{got.kind} != {want['depth']}/{want['kind']}")
    return problems


def timing(runs: int = 5) -> None:
    """Print median parse_page time per page against lxml parsing alone, and which pages
    needed the trafilatura body fallback. A measurement, not a test: numbers vary by machine."""
    import statistics
    import time

    import lxml.html

    from archiver.parsers import body as body_module

    fallbacks: list[str] = []
    original = body_module.extract_body

    def counting(html: str, url: str | None = None) -> str | None:
        fallbacks.append(url or "")
        return original(html, url)

    body_module.extract_body = counting  # type: ignore[assignment]
    ratios, parse_times, lxml_times = [], [], []
    try:
        for path in truth_files():
            truth = json.loads(path.read_text("utf-8"))
            body = gzip.decompress((CORPUS / (truth["file"] + ".gz")).read_bytes())
            parse_page(Page(url=truth["url"], body=body))  # warm-up: imports, caches
            lx, pp = [], []
            for _ in range(runs):
                start = time.perf_counter()
                lxml.html.fromstring(body)
                lx.append(time.perf_counter() - start)
                start = time.perf_counter()
                parse_page(Page(url=truth["url"], body=body))
                pp.append(time.perf_counter() - start)
            lxml_times.append(statistics.median(lx))
            parse_times.append(statistics.median(pp))
            ratios.append(parse_times[-1] / lxml_times[-1])
            print(f"{parse_times[-1] * 1000:7.1f} ms  {lxml_times[-1] * 1000:6.1f} ms  {ratios[-1]:5.1f}x  {path.name[:60]}")
    finally:
        body_module.extract_body = original  # type: ignore[assignment]
    print(f"median parse_page {statistics.median(parse_times) * 1000:.1f} ms, lxml alone"
          f" {statistics.median(lxml_times) * 1000:.1f} ms, median ratio {statistics.median(ratios):.1f}x,"
          f" ratio of medians {statistics.median(parse_times) / statistics.median(lxml_times):.1f}x")
    print(f"trafilatura fallback ran {len(fallbacks)} times over {len(truth_files())} pages x {runs + 1} runs")


def score(split: str, show: bool) -> tuple[int, int, dict[str, list[int]]]:
    """(fields passed, fields checked, per field [passed, checked]) over one split; with
    ``show``, every page's misses are printed."""
    total = passed = 0
    by_field: dict[str, list[int]] = {field: [0, 0] for field in FIELDS}
    for path in truth_files(split):
        misses = {field: check(path.name, field) for field in FIELDS}
        ok = sum(1 for problems in misses.values() if not problems)
        total += len(FIELDS)
        passed += ok
        for field, problems in misses.items():
            by_field[field][0] += not problems
            by_field[field][1] += 1
        if show:
            print(f"{ok}/{len(FIELDS)}  {path.name.removesuffix('.html.truth.json')}")
            for field, problems in misses.items():
                for problem in problems:
                    print(f"      {field}: {problem}")
    return passed, total, by_field


def manifest() -> str:
    """``MANIFEST.md`` of the corpus, written from the truth files (``--manifest``)."""
    rows = [
        "# Corpus: real blog and news pages with hand-checked truth",
        "",
        "Each page is stored as served (`.html.gz`) beside its truth (`.html.truth.json`, schema in",
        "docs/evaluation.md), written from what the page shows before any parse. Sites are split into",
        "`tune` and `heldout` (`tests.corpus_truth.split_of`): held-out sites are scored, never studied.",
        "The page text remains the copyright of its publisher; the licence is that of the repository",
        "the file was taken from, where pages are kept as test fixtures too.",
        "",
        "| file | split | platform | lang | comments | source | licence |",
        "|---|---|---|---|---|---|---|",
    ]
    for path in truth_files():
        truth = json.loads(path.read_text("utf-8"))
        source = truth.get("source") or {}
        platform = truth.get("platform") or truth.get("cms_guess") or ""
        rows.append(
            f"| `{truth['file']}` | {split_of(site_of(path))} | {platform} | {truth.get('language') or ''} "
            f"| {truth.get('comment_count_visible')} | {source.get('repo', '')} `{source.get('path', '')}` "
            f"@ {str(source.get('commit', ''))[:10]} | {source.get('license', '')} |"
        )
    return "\n".join(rows) + "\n"


def main() -> int:
    """Print the per-page, per-field score of the tuning split and the held-out split's
    totals only (``--show-heldout`` lists its pages too; ``--timing``: parse times;
    ``--manifest``: rewrite MANIFEST.md from the truth files)."""
    if "--timing" in sys.argv:
        timing()
        return 0
    if "--manifest" in sys.argv:
        (CORPUS / "MANIFEST.md").write_text(manifest(), encoding="utf-8")
        return 0
    failed = False
    for split in ("tune", "heldout"):
        show = split == "tune" or "--show-heldout" in sys.argv
        passed, total, by_field = score(split, show)
        pages = len(truth_files(split))
        sites = len({site_of(p) for p in truth_files(split)})
        fields = ", ".join(f"{name} {ok}/{n}" for name, (ok, n) in by_field.items())
        print(f"{split}: {passed}/{total} page fields match ({pages} pages, {sites} sites) = "
              f"{passed / max(1, total):.3f}; {fields}")
        failed = failed or passed != total
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
