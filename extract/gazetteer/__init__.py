"""Reference data: countries and world regions (package data read with importlib.resources)."""
