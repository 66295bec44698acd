"""Where the CLI writes: tables and progress to the terminal (rich), answers as JSON on stdout."""

from __future__ import annotations

import json
import sys

from rich.console import Console

console = Console()
errors = Console(stderr=True, soft_wrap=True)


def print_json(payload: object) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
