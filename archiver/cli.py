"""The ``archiver`` command line. Each subcommand lives in ``archiver/commands/<name>.py``.

User errors (:class:`~archiver.errors.ArchiverError`) print one line on stderr and exit
non-zero; ``archiver --debug ...`` shows the traceback instead.
"""

from __future__ import annotations

import importlib

import click

from archiver import __version__

# Subcommand modules, in the order ``archiver --help`` lists them.
COMMANDS = ("parse",)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archiver")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """Archive news blogs: articles and reader comments as JSON Lines, pages as WARC."""


for _name in COMMANDS:
    cli.add_command(importlib.import_module(f"archiver.commands.{_name}").command)


def main() -> None:
    cli(prog_name="archiver")
