"""Offline evaluation of extraction quality against annotated pages (not collected by pytest)."""
