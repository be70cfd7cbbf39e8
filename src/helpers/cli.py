"""What the modules' command lines (``python -m helpers.…``) share."""

import sys
from collections.abc import Callable


def exit_code(command: Callable[[], str], expected: tuple[type[Exception], ...]) -> int:
    """Run ``command``: 0 with the line it returns on stdout, or 1 with the message of an
    ``expected`` error on stderr — those are written for the user, a traceback would bury them."""
    try:
        done = command()
    except expected as exc:
        print(exc, file=sys.stderr)
        return 1
    print(done)
    return 0
