"""gunicorn settings for `make serve` (``--config python:dashboard.web.gunicorn_conf``)."""

from dashboard.web.request_logs import ACCESS_LOG_FORMAT

#: The path without its query string: job handles stay out of the access log.
access_log_format = ACCESS_LOG_FORMAT
