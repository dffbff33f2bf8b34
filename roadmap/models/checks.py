"""What a learner can show for an item: a self-check (a bank of questions, a few drawn per attempt) for a skill, and
a rubric (criteria with four levels and a pass mark) a mentor reviews a project against. Content, curated in the
admin and carried by exports like the rest; learners' attempts and reviews live in the `assessment` app.
"""

import math

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from careerpath.validators import no_control_characters

from .content import Item

RUBRIC_LEVELS = (1, 2, 3, 4)


def posted_scores(data) -> dict[str, int]:
    """A rubric's scores as a form posts them (`score-<criterion key>`: 1-4); a value that is not a number is 0,
    which `Rubric.scored` refuses like any score outside 1-4."""
    return {
        name.removeprefix("score-"): int(value) if str(value).isdigit() else 0
        for name, value in data.items()
        if name.startswith("score-")
    }


def bank_needed(questions_shown: int) -> int:
    """The fewest questions a bank must hold for `questions_shown` drawn: one and a half times as many."""
    return math.ceil(questions_shown * 1.5)


class SelfCheckManager(models.Manager):
    def get_by_natural_key(self, item_slug):
        return self.get(item__slug=item_slug)


class SelfCheck(models.Model):
    """A check of one item's "done when": `questions_shown` questions drawn from its bank, passed at `pass_percent`."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="self_check", verbose_name=_("item"))
    questions_shown = models.PositiveSmallIntegerField(
        _("questions per attempt"), default=4, validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Drawn at random from the bank, which needs at least one and a half times as many."),
    )  # fmt: skip
    pass_percent = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of the drawn questions answered right that passes the check."),
    )  # fmt: skip

    objects = SelfCheckManager()

    class Meta:
        verbose_name = _("self-check")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_percent__gte=1, pass_percent__lte=100), name="check_pass_percent"
            ),
            models.CheckConstraint(condition=models.Q(questions_shown__gte=1), name="check_shows_a_question"),
        ]

    def __str__(self) -> str:
        return f"Self-check: {self.item}"

    def natural_key(self):
        return self.item.natural_key()

    natural_key.dependencies = ["roadmap.item"]

    @property
    def bank_needed(self) -> int:
        """The fewest questions the bank must hold for a draw to vary: one and a half times those shown."""
        return bank_needed(self.questions_shown)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One right choice")
    MULTIPLE = "multiple", _("Several right choices (all must be picked)")
    NUMERIC = "numeric", _("A number, within a tolerance")


class QuestionManager(models.Manager):
    def get_by_natural_key(self, item_slug, key):
        return self.get(self_check__item__slug=item_slug, key=key)


class Question(models.Model):
    self_check = models.ForeignKey(
        SelfCheck, on_delete=models.CASCADE, related_name="questions", verbose_name=_("self-check")
    )
    key = models.SlugField(_("key"), max_length=80, help_text=_("Names the question in exports; unique in its check."))
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind, default=QuestionKind.SINGLE)
    text = models.TextField(_("question"), validators=[no_control_characters], help_text=_("Markdown."))
    explanation = models.TextField(
        _("explanation"), validators=[no_control_characters],
        help_text=_("Markdown, shown after the attempt is submitted: why the answer is right. Teach."),
    )  # fmt: skip
    answer = models.DecimalField(
        _("numeric answer"), max_digits=20, decimal_places=6, null=True, blank=True,
        help_text=_("Numeric questions only. Never shown before the attempt is submitted."),
    )  # fmt: skip
    tolerance = models.DecimalField(
        _("tolerance"), max_digits=20, decimal_places=6, default=0, validators=[MinValueValidator(0)],
        help_text=_("Numeric questions: an answer this far from it, or nearer, is right."),
    )  # fmt: skip
    source = models.URLField(_("where to verify it"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = QuestionManager()

    class Meta:
        ordering = ["self_check", "position", "id"]
        verbose_name = _("question")
        constraints = [
            models.UniqueConstraint(fields=["self_check", "key"], name="question_key_once_per_check"),
            models.CheckConstraint(
                condition=~models.Q(kind=QuestionKind.NUMERIC) | models.Q(answer__isnull=False),
                name="numeric_question_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    def natural_key(self):
        return (*self.self_check.natural_key(), self.key)

    natural_key.dependencies = ["roadmap.selfcheck"]


class ChoiceManager(models.Manager):
    def get_by_natural_key(self, item_slug, question_key, position):
        return self.get(question__self_check__item__slug=item_slug, question__key=question_key, position=position)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question"))
    text = models.CharField(_("choice"), max_length=500, validators=[no_control_characters], help_text=_("Markdown."))
    is_correct = models.BooleanField(_("right"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Learners see choices shuffled."))

    objects = ChoiceManager()

    class Meta:
        ordering = ["question", "position"]
        verbose_name = _("choice")
        constraints = [models.UniqueConstraint(fields=["question", "position"], name="choice_position_once")]

    def __str__(self) -> str:
        return self.text

    def natural_key(self):
        return (*self.question.natural_key(), self.position)

    natural_key.dependencies = ["roadmap.question"]


class RubricManager(models.Manager):
    def get_by_natural_key(self, item_slug):
        return self.get(item__slug=item_slug)


class Rubric(models.Model):
    """How a mentor judges a project's evidence: criteria scored 1-4; the project is shown at `pass_mark` or more."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="rubric", verbose_name=_("item"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark"), validators=[MinValueValidator(1)],
        help_text=_("The total of the criteria's scores (1-4 each) that passes: level 3 everywhere should pass."),
    )  # fmt: skip
    min_level = models.PositiveSmallIntegerField(
        _("lowest level allowed"), default=2, validators=[MinValueValidator(2), MaxValueValidator(3)],
        help_text=_("No criterion may score below this for the project to pass: 2 (nothing missing) or 3 (every "
                    "criterion meets the done-when, for capstones)."),
    )  # fmt: skip

    objects = RubricManager()

    class Meta:
        verbose_name = _("rubric")

    def __str__(self) -> str:
        return f"Rubric: {self.item}"

    def natural_key(self):
        return self.item.natural_key()

    natural_key.dependencies = ["roadmap.item"]

    def scored(self, scores: dict) -> dict[str, int] | None:
        """The scores in the criteria's order when every criterion, and nothing else, is scored 1-4; else None."""
        keys = [criterion.key for criterion in self.criteria.all()]
        if set(scores) != set(keys) or any(scores[key] not in RUBRIC_LEVELS for key in keys):
            return None
        return {key: scores[key] for key in keys}

    def passes(self, scores: dict[str, int]) -> bool:
        """At the pass mark with no criterion below `min_level`: a total alone could pass a project that lacks
        something its "done when" requires outright (1, "missing"), or for a capstone only partly does it (2)."""
        return sum(scores.values()) >= self.pass_mark and min(scores.values(), default=0) >= self.min_level


class CriterionManager(models.Manager):
    def get_by_natural_key(self, item_slug, key):
        return self.get(rubric__item__slug=item_slug, key=key)


class RubricCriterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("rubric"))
    key = models.SlugField(_("key"), max_length=80)
    title = models.CharField(_("criterion"), max_length=200, validators=[no_control_characters])
    level_1 = models.TextField(_("1: missing"), validators=[no_control_characters])
    level_2 = models.TextField(_("2: partly"), validators=[no_control_characters])
    level_3 = models.TextField(_("3: meets the “done when”"), validators=[no_control_characters])
    level_4 = models.TextField(_("4: beyond it"), validators=[no_control_characters])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = CriterionManager()

    class Meta:
        ordering = ["rubric", "position", "id"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        constraints = [models.UniqueConstraint(fields=["rubric", "key"], name="criterion_key_once_per_rubric")]

    def __str__(self) -> str:
        return self.title

    def natural_key(self):
        return (*self.rubric.natural_key(), self.key)

    natural_key.dependencies = ["roadmap.rubric"]

    @property
    def levels(self) -> list[tuple[int, str]]:
        return [(level, getattr(self, f"level_{level}")) for level in RUBRIC_LEVELS]
