<?php
/*
 * Switches the test site between crawls: `php configure.php THEME ORDER [LOCALE]`.
 *
 * THEME is a theme directory (twentytwentyone, twentytwentytwo, twentytwentythree).
 * ORDER is `asc` (oldest comments first, the post page showing the first comment page)
 * or `desc` (newest first, the post page showing the last comment page): the two
 * settings WordPress's Discussion screen pairs most often.
 */
require __DIR__ . '/bootstrap.php';

list(, $theme, $order) = $argv;
$locale = isset($argv[3]) ? $argv[3] : '';
fail_unless(wp_get_theme($theme)->exists(), "theme $theme is not installed");
fail_unless(in_array($order, array('asc', 'desc'), true), "comment order must be asc or desc, not $order");

switch_theme($theme);
update_option('comment_order', $order);
update_option('default_comments_page', $order === 'asc' ? 'oldest' : 'newest');
// LOCALE (de_DE, fr_FR...): the site's language, with the date and time formats its
// translation gives, as a site installed in that language has them.
fail_unless($locale === '' || in_array($locale, get_available_languages(), true), "locale $locale is not installed");
update_option('WPLANG', $locale);
switch_to_locale($locale === '' ? 'en_US' : $locale);
load_default_textdomain($locale === '' ? 'en_US' : $locale);  // a locale the script started without
update_option('date_format', __('F j, Y'));
update_option('time_format', __('g:i a'));
flush_rewrite_rules(false);

echo json_encode(array(
    'theme' => get_stylesheet(),
    'block_theme' => wp_is_block_theme(),
    'comment_order' => get_option('comment_order'),
    'default_comments_page' => get_option('default_comments_page'),
    'locale' => get_option('WPLANG'),
    'date_format' => get_option('date_format'),
    'time_format' => get_option('time_format'),
)), "\n";
