"""ILACS engagement dashboard. `make run` serves it; `make serve` runs it under gunicorn
(`gunicorn app:server`); with CELERY_BROKER_URL set, `make worker` runs the Celery
worker for background jobs (`celery -A app:celery_app worker`)."""

import os

from dashboard.web.background import celery_app as _celery_app
from dashboard.web.webapp import create_app

app = create_app()
server = app.server
celery_app = _celery_app() if os.environ.get("CELERY_BROKER_URL") else None

if __name__ == "__main__":
    print("Serving on http://127.0.0.1:8050  (Ctrl+C to stop)")
    app.run(host="127.0.0.1", port=8050, debug=False)
