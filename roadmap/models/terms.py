"""The words job ads use for an item ("PyTorch", "torch"; "RAG", "retrieval-augmented"), curated with the item and
carried by exports and releases like the rest of the content. The `jobs` app reads ads with them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from careerpath.validators import no_control_characters

from ..terms import term_words
from .content import Item


class ItemTermManager(models.Manager):
    def get_by_natural_key(self, item_slug, term):
        return self.get(item__slug=item_slug, term=term)


class ItemTerm(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="terms", verbose_name=_("item"))
    term = models.CharField(
        _("term"),
        max_length=80,
        validators=[no_control_characters],
        help_text=_(
            "A word or phrase a job ad uses for this item, matched on whole words: case, hyphens, slashes and other "
            "punctuation are ignored, so “scikit-learn” also finds “scikit learn”. A term names one item only."
        ),
    )
    case_sensitive = models.BooleanField(
        _("match case"),
        default=False,
        help_text=_("For short words that are common in another sense: “R” should not match every “r”."),
    )
    words = models.CharField(
        _("words as matched"), max_length=80, editable=False, help_text=_("The term as matching reads it.")
    )

    objects = ItemTermManager()

    class Meta:
        ordering = ["item", "term"]
        verbose_name = _("job-ad term")
        verbose_name_plural = _("job-ad terms")
        constraints = [
            models.UniqueConstraint(fields=["words"], name="roadmap_term_names_one_item"),
        ]

    def __str__(self) -> str:
        return self.term

    def clean(self):
        self.words = term_words(self.term, case_sensitive=self.case_sensitive)
        if not self.words:
            raise ValidationError({"term": _("A term needs at least one letter or digit.")})

    def natural_key(self):
        return (*self.item.natural_key(), self.term)

    natural_key.dependencies = ["roadmap.item"]
