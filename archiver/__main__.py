"""`python -m archiver` is the same as the `archiver` console script."""

from archiver.cli import main

if __name__ == "__main__":  # parse workers are spawned interpreters that import this module again
    main()
