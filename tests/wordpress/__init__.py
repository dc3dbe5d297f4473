"""A real WordPress (Debian's 6.1 packages) on 127.0.0.1, for tests that crawl it.

The parsers are tuned on saved pages; these tests check them against pages WordPress
itself renders, under each bundled theme (one classic, two block themes), with a truth
read back from the site's database. Modules, each small:

* ``availability``: the Debian packages needed and whether they are here;
* ``mariadb``: a MariaDB server on its own data directory and unix socket;
* ``docroot``: the document root with the test site's own wp-config.php;
* ``server``: PHP's built-in web server with ``php/router.php`` for pretty permalinks;
* ``content``: the deterministic site content;
* ``site``: all of it together, plus switching theme and comment order;
* ``truth``: the database's posts and comments, and what a reader sees of them;
* ``php/``: the PHP scripts run against the site (install, seed, configure, truth).
"""

from tests.wordpress.availability import required, unavailable_reason
from tests.wordpress.site import WordPressSite
from tests.wordpress.truth import Truth, visible

__all__ = ["Truth", "WordPressSite", "required", "unavailable_reason", "visible"]
