"""Administrators load a newer DfE release of the published figures (issue 29 item 6):
choose DfE's CSV, check it (problems and what it would change; nothing stored), load it."""
