"""Management information: the indicators, the Annex A upload and what each indicator
counts."""
