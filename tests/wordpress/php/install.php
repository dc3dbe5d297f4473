<?php
/*
 * Installs WordPress into the empty test database: `php install.php TITLE`.
 *
 * wp_install() creates the tables, the administrator (user 1) and WordPress's sample
 * content; the sample post, page and comment are deleted again so that the site holds
 * only what seed.php puts there. The site is public (blog_public 1): a private site's
 * robots.txt disallows everything, and the crawler obeys robots.txt.
 */
define('WP_INSTALLING', true);
require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$result = wp_install($argv[1], 'admin', 'admin@example.org', true, '', 'test-only-password');
fail_unless(!empty($result['user_id']), 'wp_install failed');

foreach (get_comments(array('status' => 'all')) as $comment) {
    wp_delete_comment($comment->comment_ID, true);
}
foreach (get_posts(array('post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1)) as $post) {
    wp_delete_post($post->ID, true);
}
echo json_encode(array('admin' => $result['user_id'])), "\n";
