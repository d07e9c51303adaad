"""The largest request body any surface reads (function code uploads set their own)."""

MAX_REQUEST_BYTES = 4 * 1024 * 1024
