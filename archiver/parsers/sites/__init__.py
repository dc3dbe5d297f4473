"""Site parsers, one module per site, named after its domain. Register new ones in
``archiver.parsers.LAYERS``."""
