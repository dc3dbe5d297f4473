<?php
/*
 * Prints what the test site's database holds, as JSON: `php truth.php`.
 *
 * Posts: id, title, author's display name, local date with the site's offset, GMT date,
 * tags, categories, permalink, the text of each of its pages (<!--nextpage-->).
 * Comments: every approved comment, pingback and trackback with id, post, author, URL,
 * local date with offset, GMT date, content, parent and type; and the ids of the held,
 * spam and trashed ones, which the site must not show.
 * Texts are as stored; tests/wordpress/truth.py turns them into what a reader sees.
 */
require __DIR__ . '/bootstrap.php';

$posts = array();
foreach (get_posts(array('numberposts' => -1, 'post_status' => 'publish', 'orderby' => 'ID', 'order' => 'ASC')) as $post) {
    $pages = explode('<!--nextpage-->', $post->post_content);
    $posts[] = array(
        'id' => $post->ID,
        'slug' => $post->post_name,
        'title' => $post->post_title,
        'author' => get_the_author_meta('display_name', $post->post_author),
        'date' => get_post_time('c', false, $post),
        'date_gmt' => $post->post_date_gmt,
        'tags' => wp_get_post_tags($post->ID, array('fields' => 'names')),
        'categories' => wp_get_post_categories($post->ID, array('fields' => 'names')),
        'permalink' => get_permalink($post),
        'pages' => array_map('trim', $pages),
        'comment_count' => (int) $post->comment_count,
    );
}

$comments = array();
foreach (get_comments(array('status' => 'approve', 'type' => '', 'orderby' => 'comment_ID', 'order' => 'ASC')) as $comment) {
    $comments[] = array(
        'id' => (int) $comment->comment_ID,
        'post_id' => (int) $comment->comment_post_ID,
        'author' => $comment->comment_author,
        'author_url' => $comment->comment_author_url,
        'date' => mysql2date('c', $comment->comment_date, false),
        'date_gmt' => $comment->comment_date_gmt,
        'content' => $comment->comment_content,
        'parent' => (int) $comment->comment_parent,
        'type' => $comment->comment_type,
    );
}

$hidden = array();
foreach (array('hold', 'spam', 'trash') as $status) {
    foreach (get_comments(array('status' => $status, 'type' => '')) as $comment) {
        $hidden[] = array('id' => (int) $comment->comment_ID, 'post_id' => (int) $comment->comment_post_ID,
                          'status' => $status, 'content' => $comment->comment_content);
    }
}

echo json_encode(array(
    'home' => home_url('/'),
    'timezone' => get_option('timezone_string'),
    'posts' => $posts,
    'comments' => $comments,
    'hidden_comments' => $hidden,
), JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
