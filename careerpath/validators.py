"""Text every form, import and API takes: no NUL and no control character but tab, carriage return and newline.

PostgreSQL refuses NUL in text and SQLite stores it; neither is ever meant. Attached to the models' text fields,
so the admin, the content import (which calls full_clean), ModelForms and services that validate all refuse them
with the same message.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@deconstructible
class NoControlCharacters:
    message = _("Remove the control character (%(code)s): only tab and line breaks are allowed in text.")
    code = "control_character"

    def __call__(self, value):
        match = CONTROL_CHARACTERS.search(str(value))
        if match:
            raise ValidationError(self.message, code=self.code, params={"code": f"U+{ord(match.group()):04X}"})

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters)


no_control_characters = NoControlCharacters()
