<?php
/*
 * Sets where the test site shows its comments: `php views.php PINGS_ONLY REST`.
 *
 * PINGS_ONLY is 1 (pages show pingbacks and trackbacks, no comment) or 0 (everything).
 * REST is open, no-wp-json (/wp-json/ answers 403, ?rest_route= works) or closed (the
 * comments endpoint answers 401). See php/comment-views.php.
 */
require __DIR__ . '/bootstrap.php';

list(, $pings_only, $rest) = $argv;
fail_unless(in_array($pings_only, array('0', '1'), true), "PINGS_ONLY must be 0 or 1, not $pings_only");
fail_unless(in_array($rest, array('open', 'no-wp-json', 'closed'), true), "REST must be open, no-wp-json or closed, not $rest");
update_option('archiver_test_pings_only', $pings_only);
update_option('archiver_test_rest', $rest);

echo json_encode(array('pings_only' => get_option('archiver_test_pings_only'), 'rest' => get_option('archiver_test_rest'))), "\n";
