"""Capture and replay helpers for tests: a tiny local site, a probe spider, pywb replay."""
