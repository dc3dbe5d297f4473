"""A real WordPress site for one test module: database, document root, content, web server.

``with WordPressSite(tmp_dir) as site:`` starts MariaDB on its own socket, builds the
document root, installs WordPress and seeds it (``content.py`` through ``php/seed.php``),
and serves it on ``site.url``; leaving the block stops the web server and the database.
Between crawls :meth:`WordPressSite.configure` switches the theme and the comment order;
:meth:`WordPressSite.truth` reads what the database holds.

Every step runs WordPress's own PHP (``wp_install``, ``wp_insert_post``,
``wp_insert_comment``, ``switch_theme``, ``update_option``) through ``php`` on the command
line, as a site owner's scripts would, so the site is the one WordPress itself makes.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from tests.wordpress import content, docroot
from tests.wordpress.availability import command
from tests.wordpress.mariadb import DATABASE, MariaDB
from tests.wordpress.server import PhpServer, free_port
from tests.wordpress.truth import Truth


class WordPressSite:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database = MariaDB(directory / "mysql")
        self.root = directory / "docroot"
        self.server = PhpServer(self.root, self.port, directory / "php-server.log")
        self.theme: str | None = None
        self.comment_order: str | None = None

    def php(self, script: str, *arguments: str) -> str:
        """Run ``php/<script>`` against the site; its standard output. Fails on any error."""
        env = dict(os.environ, WORDPRESS_ROOT=str(self.root), WORDPRESS_HOST=f"127.0.0.1:{self.port}")
        done = subprocess.run(
            [str(command("php")), "-d", "display_errors=stderr", "-d", "memory_limit=256M",
             str(docroot.PHP / script), *arguments],
            capture_output=True, text=True, env=env, check=False, timeout=300,
        )
        if done.returncode != 0:
            raise RuntimeError(f"php {script} {' '.join(arguments)} failed ({done.returncode}):\n"
                               f"{done.stderr[-3000:]}\n{done.stdout[-2000:]}")
        return done.stdout

    def start(self) -> None:
        self.database.start()
        docroot.build(self.root, url=self.url, socket=self.database.socket, database=DATABASE)
        self.php("install.php", content.SITE_TITLE)
        spec = self.directory / "site.json"
        spec.write_text(json.dumps(content.site_spec(), ensure_ascii=False, indent=1), encoding="utf-8")
        self.php("seed.php", str(spec))
        self.server.start()

    def configure(self, theme: str, comment_order: str, locale: str = "") -> dict[str, Any]:
        """Switch the active theme and the comment order (``asc``: oldest first, the post
        showing the first comment page; ``desc``: newest first, showing the last page),
        and the site's language (``de_DE``...; Debian's ``wordpress-l10n``), English if none."""
        result = json.loads(self.php("configure.php", theme, comment_order, locale))
        self.theme, self.comment_order = theme, comment_order
        return result

    def views(self, pings_only: bool = False, rest: str = "open") -> dict[str, Any]:
        """Where comments show: ``pings_only`` pages show pingbacks and trackbacks but no
        comment (the REST API and the feeds still hold all); ``rest`` is ``open``,
        ``no-wp-json`` (/wp-json/ answers 403, ?rest_route= works) or ``closed`` (the
        comments endpoint answers 401). See ``php/comment-views.php``."""
        result: dict[str, Any] = json.loads(self.php("views.php", "1" if pings_only else "0", rest))
        return result

    def truth(self) -> Truth:
        return Truth.from_json(json.loads(self.php("truth.php")))

    def stop(self) -> None:
        self.server.stop()
        self.database.stop()

    def __enter__(self) -> WordPressSite:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
