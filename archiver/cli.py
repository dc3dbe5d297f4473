"""The ``archiver`` command line. Each subcommand lives in ``archiver/commands/<name>.py``.

User errors (:class:`~archiver.errors.ArchiverError`) print one line on stderr and exit
non-zero; ``archiver --debug ...`` shows the traceback instead.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

import archiver.commands as _commands_package
from archiver import __version__

# Subcommand modules: every module in ``archiver/commands/`` that defines ``command``
# (helper modules such as ``common`` define none). ``--help`` lists them alphabetically.
COMMANDS = tuple(
    info.name
    for info in pkgutil.iter_modules(_commands_package.__path__)
    if not info.name.startswith("_") and info.name != "common"
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archiver")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """Archive news blogs: articles and reader comments as JSON Lines, pages as WARC."""


for _name in COMMANDS:
    _module = importlib.import_module(f"archiver.commands.{_name}")
    if hasattr(_module, "command"):
        cli.add_command(_module.command)


def main() -> None:
    cli(prog_name="archiver")
