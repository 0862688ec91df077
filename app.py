"""ILACS engagement dashboard. `make run` serves it; `gunicorn app:server` too."""

from dashboard.webapp import create_app

app = create_app()
server = app.server

if __name__ == "__main__":
    print("Serving on http://127.0.0.1:8050  (Ctrl+C to stop)")
    app.run(host="127.0.0.1", port=8050, debug=False)
