<?php
/*
 * Must-use plugin of the test WordPress: where the site shows its comments, switched by
 * two options that php/views.php sets between crawls (both off after installation).
 *
 * archiver_test_pings_only = '1': pages show pingbacks and trackbacks but no comment,
 *   like a theme that leaves comments to a script or an app; the REST API and the comment
 *   feeds still hold every comment. (Comment queries of pages are narrowed; the API's and
 *   the feeds' are not.)
 * archiver_test_rest = 'no-wp-json': every /wp-json/ URL answers 403, as on sites that
 *   block that path in the web server; /?rest_route= still works.
 * archiver_test_rest = 'closed': the comments endpoint refuses anonymous callers (401)
 *   under either URL form, as security plugins do; the comment feeds still work.
 */
add_action('pre_get_comments', function ($query) {
    if (get_option('archiver_test_pings_only') !== '1') {
        return;
    }
    if ((defined('REST_REQUEST') && REST_REQUEST) || is_feed() || is_admin()) {
        return;
    }
    $not = isset($query->query_vars['type__not_in']) ? (array) $query->query_vars['type__not_in'] : array();
    $query->query_vars['type__not_in'] = array_merge($not, array('comment'));
});

add_action('parse_request', function () {
    $path = (string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
    if (get_option('archiver_test_rest') === 'no-wp-json' && strpos($path, '/wp-json') === 0) {
        status_header(403);
        header('Content-Type: text/html; charset=UTF-8');
        echo '<html><body><h1>403 Forbidden</h1></body></html>';
        exit;
    }
}, 0);

add_filter('rest_pre_dispatch', function ($result, $server, $request) {
    if (get_option('archiver_test_rest') === 'closed' && strpos($request->get_route(), '/wp/v2/comments') === 0) {
        return new WP_Error('rest_forbidden', 'Comments are not public here.', array('status' => 401));
    }
    return $result;
}, 10, 3);
