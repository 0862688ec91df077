"""The regional overview: every LA of a region, and the list of regions."""
