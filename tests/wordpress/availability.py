"""Whether this machine can run the real-WordPress tests, and if not, what to install.

The tests use Debian 12's packages, not downloads: WordPress 6.1 and its three bundled
themes from ``/usr/share/wordpress``, PHP's command line (its built-in web server and the
mysqli, xml and mbstring extensions WordPress needs) and MariaDB's server binaries. CI
installs them (``.ci/run``); elsewhere the test module skips with the ``apt-get`` line that
would install what is missing, unless ``ARCHIVER_REQUIRE_WORDPRESS=1`` makes it fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

WORDPRESS = Path("/usr/share/wordpress")
THEMES = ("twentytwentyone", "twentytwentytwo", "twentytwentythree")
# mariadbd lives in /usr/sbin, which is not on every user's PATH.
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/bin", "/sbin", "/bin"])
PACKAGES = ["wordpress", *(f"wordpress-theme-{t}" for t in THEMES), "wordpress-l10n", "php-cli", "php-mysql",
            "php-xml", "php-mbstring", "mariadb-server"]
# Site languages the tests switch to (wordpress-l10n's core translations).
LOCALES = ("fr_FR", "ru_RU")
COMMANDS = {"php": "php-cli", "mariadbd": "mariadb-server", "mariadb-install-db": "mariadb-server",
            "mariadb": "mariadb-server"}
PHP_EXTENSIONS = {"mysqli": "php-mysql", "dom": "php-xml", "mbstring": "php-mbstring"}
REQUIRE_VARIABLE = "ARCHIVER_REQUIRE_WORDPRESS"
# A folder of further themes (each a subfolder with its style.css), for measuring the
# parsers on themes beyond Debian's three: ARCHIVER_WORDPRESS_THEMES=/path/to/themes.
EXTRA_THEMES_VARIABLE = "ARCHIVER_WORDPRESS_THEMES"
# The site's language for a run (de_DE, fr_FR...), from Debian's wordpress-l10n; English if unset.
LOCALE_VARIABLE = "ARCHIVER_WORDPRESS_LOCALE"


def command(name: str) -> str | None:
    """The full path of ``name``, looking in the sbin folders too."""
    return shutil.which(name, path=SEARCH_PATH)


def missing_packages() -> list[str]:
    """Debian packages whose files the tests need and cannot find, in PACKAGES order."""
    missing: set[str] = set()
    if not (WORDPRESS / "wp-load.php").is_file():
        missing.add("wordpress")
    for theme in THEMES:
        if not (WORDPRESS / "wp-content" / "themes" / theme / "style.css").is_file():
            missing.add(f"wordpress-theme-{theme}")
    if not all((WORDPRESS / "wp-content" / "languages" / f"{locale}.mo").is_file() for locale in LOCALES):
        missing.add("wordpress-l10n")
    for name, package in COMMANDS.items():
        if command(name) is None:
            missing.add(package)
    php = command("php")
    if php is not None:
        done = subprocess.run([php, "-r", "echo implode(' ', get_loaded_extensions());"],
                              capture_output=True, text=True, check=False, timeout=30)
        loaded = set(done.stdout.lower().split())
        missing.update(package for extension, package in PHP_EXTENSIONS.items() if extension not in loaded)
    return [package for package in PACKAGES if package in missing]


def unavailable_reason() -> str | None:
    """None when everything is there, else a sentence naming what to install."""
    missing = missing_packages()
    if not missing:
        return None
    return ("real-WordPress tests need Debian packages that are missing: "
            f"apt-get install -y --no-install-recommends {' '.join(missing)}")


def extra_themes() -> list[Path]:
    """The theme folders under ``$ARCHIVER_WORDPRESS_THEMES``, by name; none when it is unset.

    Any theme from wordpress.org or a theme's own repository can be measured this way
    without adding it to the project: the test links the folder into the site's
    ``wp-content/themes`` and crawls the site under it like under Debian's themes.
    """
    folder = os.environ.get(EXTRA_THEMES_VARIABLE, "")
    if not folder:
        return []
    root = Path(folder)
    if not root.is_dir():
        raise NotADirectoryError(f"{EXTRA_THEMES_VARIABLE}={folder}: no such folder")
    return sorted((theme for theme in root.iterdir() if (theme / "style.css").is_file() and theme.name not in THEMES),
                  key=lambda theme: theme.name)


def required() -> bool:
    """True when the tests must run here (CI sets ARCHIVER_REQUIRE_WORDPRESS=1)."""
    return os.environ.get(REQUIRE_VARIABLE, "") == "1"
