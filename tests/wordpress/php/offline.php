<?php
/*
 * Must-use plugin of the test WordPress: the site sends no HTTP request and no mail.
 *
 * The tests run without internet; WordPress would otherwise try update checks, oEmbed
 * discovery, pings to linked sites and a loopback request during installation, each
 * waiting for a timeout, and mail the administrator through a sendmail that is not there.
 */
add_filter('pre_http_request', function () {
    return new WP_Error('http_request_blocked', 'The test site makes no HTTP requests.');
});
add_filter('pre_option_ping_sites', function () {
    return '';
});

function wp_mail() {
    return true;
}
