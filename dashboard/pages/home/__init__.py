"""The home page: each role lands on what it works with."""
