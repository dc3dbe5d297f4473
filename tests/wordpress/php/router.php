<?php
/*
 * Router for `php -S 127.0.0.1:PORT -t DOCROOT router.php`: pretty permalinks for the test
 * WordPress, as Apache's mod_rewrite rules would give them.
 *
 * Static files (theme CSS, core scripts) are served as they are. Every PHP entry point
 * (/, /wp-comments-post.php, /wp-login.php, /wp-admin/...) is loaded here, by this
 * script, after ABSPATH is set to the document root: the document root links to the
 * Debian WordPress files, and PHP resolves those links, so WordPress's own
 * `define('ABSPATH', __DIR__ . '/')` would point at /usr/share/wordpress and load
 * Debian's wp-config.php instead of the test site's. Any other path goes to index.php,
 * where WordPress's rewrite rules read REQUEST_URI.
 */
define('ABSPATH', rtrim($_SERVER['DOCUMENT_ROOT'], '/') . '/');

$path = rawurldecode((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (strpos($path, '..') !== false) {
    http_response_code(400);
    return true;
}
$file = ABSPATH . ltrim($path, '/');
if (is_dir($file)) {
    $file = rtrim($file, '/') . '/index.php';
}
if (is_file($file) && substr($file, -4) !== '.php') {
    return false;
}
if (!is_file($file)) {
    $file = ABSPATH . 'index.php';
}
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/' . substr($file, strlen(ABSPATH));
$_SERVER['SCRIPT_FILENAME'] = $file;
chdir(dirname($file));
require $file;
