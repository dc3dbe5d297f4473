<?php
/*
 * Loads the test site's WordPress in a command-line script (install.php, seed.php,
 * configure.php, truth.php).
 *
 * WORDPRESS_ROOT is the test document root (links to the Debian WordPress files and the
 * test site's own wp-config.php); ABSPATH is set to it before wp-load.php runs, for the
 * reason router.php gives. WORDPRESS_HOST is the host:port the site is served on.
 * PHP warnings and errors fail the script, so a seeding mistake cannot go unnoticed.
 */
$root = getenv('WORDPRESS_ROOT');
if (!$root) {
    fwrite(STDERR, "WORDPRESS_ROOT is not set\n");
    exit(2);
}
define('ABSPATH', rtrim($root, '/') . '/');
$_SERVER['HTTP_HOST'] = getenv('WORDPRESS_HOST') ?: 'localhost';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

set_error_handler(function ($severity, $message, $file, $line) {
    if ($severity & (E_WARNING | E_USER_WARNING | E_ERROR | E_USER_ERROR | E_RECOVERABLE_ERROR)) {
        throw new ErrorException($message, 0, $severity, $file, $line);
    }
    return false;
});

function fail_unless($condition, $message) {
    if (is_wp_error($condition)) {
        fwrite(STDERR, $message . ': ' . $condition->get_error_message() . "\n");
        exit(1);
    }
    if (!$condition) {
        fwrite(STDERR, $message . "\n");
        exit(1);
    }
    return $condition;
}

require ABSPATH . 'wp-load.php';
