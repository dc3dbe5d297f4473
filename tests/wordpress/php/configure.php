<?php
/*
 * Switches the test site between crawls: `php configure.php THEME ORDER`.
 *
 * THEME is a theme directory (twentytwentyone, twentytwentytwo, twentytwentythree).
 * ORDER is `asc` (oldest comments first, the post page showing the first comment page)
 * or `desc` (newest first, the post page showing the last comment page): the two
 * settings WordPress's Discussion screen pairs most often.
 */
require __DIR__ . '/bootstrap.php';

list(, $theme, $order) = $argv;
fail_unless(wp_get_theme($theme)->exists(), "theme $theme is not installed");
fail_unless(in_array($order, array('asc', 'desc'), true), "comment order must be asc or desc, not $order");

switch_theme($theme);
update_option('comment_order', $order);
update_option('default_comments_page', $order === 'asc' ? 'oldest' : 'newest');
flush_rewrite_rules(false);

echo json_encode(array(
    'theme' => get_stylesheet(),
    'block_theme' => wp_is_block_theme(),
    'comment_order' => get_option('comment_order'),
    'default_comments_page' => get_option('default_comments_page'),
)), "\n";
