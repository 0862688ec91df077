"""gunicorn settings for `make serve` (``--config python:dashboard.web.gunicorn_conf``)."""

from dashboard.web.request_logs import ACCESS_LOG_FORMAT

#: The path without its query string: job handles stay out of the access log.
access_log_format = ACCESS_LOG_FORMAT

#: gunicorn reads no forwarded header from anyone: by default it took
#: ``X-Forwarded-Proto`` from 127.0.0.1 (and from any Unix-socket peer), so anyone on the
#: host could make a plain-HTTP request count as HTTPS. The app alone decides, with
#: werkzeug's ProxyFix, and only when TRUSTED_PROXY_HOPS names the proxies in front.
forwarded_allow_ips = ""
secure_scheme_headers: dict[str, str] = {}
