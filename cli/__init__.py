"""The `pufa` command line (cli.main:main): ingests with progress bars, answers as tables or JSON."""
