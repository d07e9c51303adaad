"""Developer pages and JSON views: the inbox of sent messages, pools, users."""
