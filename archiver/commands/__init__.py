"""One module per ``archiver`` subcommand; each defines a click command named ``command``.

``archiver.cli.COMMANDS`` lists them; a command module stays a thin layer over one
library function.
"""
