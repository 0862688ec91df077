"""Pages shown instead of one that does not exist."""
