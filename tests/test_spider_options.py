"""Spider options: an argument wins over its setting, and a bad value stops the crawl at once."""

from __future__ import annotations

from datetime import datetime

import pytest
from scrapy.settings import Settings

from archiver import settings as archiver_settings
from spiders.options import CrawlOptions


def project(**overrides: object) -> Settings:
    settings = Settings()
    settings.setmodule(archiver_settings)
    settings.setdict(overrides)
    return settings


def test_defaults_and_arguments_over_settings() -> None:
    options = CrawlOptions.read({}, project())
    assert (options.follow, options.emit, options.item_mode, options.max_pages) == ("site", "new", "post", 0)
    assert options.since is None and options.scope_filters == {"prefix": "", "allow": "", "deny": ""}
    chosen = CrawlOptions.read({"follow": "listing", "since": "2011-09-16", "prefix": "/2011/", "max_pages": "5"},
                               project(ARCHIVER_FOLLOW="none", ARCHIVER_PARSE_WORKERS=0, ARCHIVER_ITEMS="each"))
    assert chosen.follow == "listing" and chosen.since == datetime(2011, 9, 16)
    assert chosen.scope_filters["prefix"] == "/2011/" and chosen.max_pages == 5
    assert chosen.parse_workers == 0 and chosen.item_mode == "each"
    assert CrawlOptions.read({"follow": ""}, project(ARCHIVER_FOLLOW="none")).follow == "none"


@pytest.mark.parametrize(("arguments", "settings", "message"), [
    ({"follow": "everything"}, {}, "follow must be one of site, listing, none"),
    ({"emit": "some"}, {}, "emit must be one of new, all"),
    ({"since": "last tuesday-ish"}, {}, "since: cannot read the date"),
    ({}, {"ARCHIVER_ITEMS": "bundle"}, "ARCHIVER_ITEMS must be one of post, each"),
])
def test_bad_values_are_refused(arguments: dict, settings: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CrawlOptions.read(arguments, project(**settings))
