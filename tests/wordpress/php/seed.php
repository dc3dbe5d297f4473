<?php
/*
 * Fills the installed test site from the JSON written by tests/wordpress/content.py:
 * `php seed.php SPEC.json`. Options (timezone first, so that local dates convert to GMT
 * with the right offset), pretty permalinks, authors, categories, posts and comments.
 *
 * Everything is created by the administrator, as through the admin screens, so texts are
 * stored as written. Comments are inserted with wp_insert_comment(), which stores what it
 * is given (status, type, dates, parent) without the checks a comment form goes through.
 */
require __DIR__ . '/bootstrap.php';

$spec = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
wp_set_current_user(1);

update_option('timezone_string', $spec['options']['timezone_string']);
foreach ($spec['options'] as $name => $value) {
    update_option($name, $value);
}
global $wp_rewrite;
$wp_rewrite->set_permalink_structure($spec['permalink_structure']);
flush_rewrite_rules(false);

$users = array();
foreach ($spec['authors'] as $author) {
    $users[$author['login']] = fail_unless(wp_insert_user(array(
        'user_login' => $author['login'],
        'user_pass' => 'test-only-password',
        'user_email' => $author['login'] . '@example.org',
        'display_name' => $author['display_name'],
        'nickname' => $author['display_name'],
        'first_name' => $author['first_name'],
        'last_name' => $author['last_name'],
        'role' => 'author',
    )), 'wp_insert_user ' . $author['login']);
}

$categories = array();
foreach ($spec['categories'] as $name) {
    $term = fail_unless(wp_insert_term($name, 'category'), "wp_insert_term $name");
    $categories[$name] = $term['term_id'];
}

$comment_ids = array();
$count = 0;
foreach ($spec['posts'] as $post) {
    $post_id = fail_unless(wp_insert_post(array(
        'post_title' => $post['title'],
        'post_name' => $post['slug'],
        'post_content' => $post['content'],
        'post_status' => 'publish',
        'post_author' => $users[$post['author']],
        'post_date' => $post['date'],
        'post_date_gmt' => get_gmt_from_date($post['date']),
        'post_category' => array_map(function ($name) use ($categories) { return $categories[$name]; }, $post['categories']),
        'tags_input' => $post['tags'],
        'comment_status' => 'open',
        'ping_status' => 'open',
    ), true), 'wp_insert_post ' . $post['slug']);

    foreach ($post['comments'] as $comment) {
        $id = fail_unless(wp_insert_comment(array(
            'comment_post_ID' => $post_id,
            'comment_author' => $comment['author'],
            'comment_author_email' => $comment['type'] === 'comment' ? 'reader' . (++$count) . '@example.org' : '',
            'comment_author_url' => $comment['url'],
            'comment_author_IP' => '127.0.0.1',
            'comment_agent' => 'tests/wordpress seed',
            'comment_content' => $comment['content'],
            'comment_date' => $comment['date'],
            'comment_date_gmt' => get_gmt_from_date($comment['date']),
            'comment_approved' => $comment['approved'],
            'comment_type' => $comment['type'],
            'comment_parent' => $comment['parent'] ? $comment_ids[$comment['parent']] : 0,
        )), 'wp_insert_comment ' . $comment['key']);
        $comment_ids[$comment['key']] = $id;
    }
}
echo json_encode(array('posts' => count($spec['posts']), 'comments' => count($comment_ids))), "\n";
