"""Web plumbing: the Dash app, sign-in, the request gate, background jobs and logs."""
