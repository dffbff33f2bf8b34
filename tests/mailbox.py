"""Reading what careerpath mailed, as the person at the other end would."""

import re


def link_in(message) -> str:
    """The first link's path in a mail's body."""
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def code_in(message) -> str:
    """The confirmation code in a mail (two groups of four letters or digits), typed where it was asked for."""
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.MULTILINE).group(1)
