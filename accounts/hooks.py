"""How apps above accounts replace the secrets they hold for a person when the person's credentials change.

A new password or a new sign-in address means the old one may be in someone else's hands: every secret that works
without the password (API tokens here, the calendar address in planning) must stop working then. An app registers,
in its AppConfig.ready(), a function taking the user; accounts calls it inside the changing transaction.
"""

from collections.abc import Callable

SecretsReplaced = Callable[..., None]
_secrets_replaced: list[SecretsReplaced] = []


def register_secrets_replaced(replace: SecretsReplaced) -> None:
    if replace not in _secrets_replaced:
        _secrets_replaced.append(replace)


def secrets_replaced(*, user) -> None:
    for replace in _secrets_replaced:
        replace(user=user)
