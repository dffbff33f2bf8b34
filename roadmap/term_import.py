"""Importing job-ad terms in bulk (a release carries about a thousand): matched by (item, term), checked in memory so
that a term claimed by two items is refused with both names, and a term a file moves to another item moves."""

from django.core.exceptions import ValidationError

from .models import Item, ItemTerm

LABEL = "roadmap.itemterm"


class TermImportError(ValueError):
    """The terms cannot be imported as they are; the message names the term and its items."""


def terms_import(rows: list[dict]) -> int:
    """Create or update the terms in `rows` (export fields); returns how many rows were read. A term that another item
    holds in the database moves to the item the file gives it (the file is the newer content)."""
    if not rows:
        return 0
    items = dict(Item.objects.values_list("slug", "pk"))
    wanted: dict[str, tuple[int, str, bool]] = {}  # words -> (item id, term, case sensitive)
    for fields in rows:
        key = fields.get("item")
        slug = key[0] if isinstance(key, list) and key else None
        if slug not in items:
            raise TermImportError(f"A job-ad term names an item that is not in the content: {key!r}.")
        term, case_sensitive = fields.get("term"), bool(fields.get("case_sensitive", False))
        candidate = ItemTerm(item_id=items[slug], term=term, case_sensitive=case_sensitive)
        try:
            candidate.full_clean(exclude=["item"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise TermImportError(f"Job-ad term {term!r} of {slug}: {'; '.join(error.messages)}") from error
        earlier = wanted.get(candidate.words)
        if earlier and earlier[0] != candidate.item_id:
            other = next(s for s, pk in items.items() if pk == earlier[0])
            raise TermImportError(
                f"The job-ad term {term!r} is given to both {other} and {slug}; a term names one item."
            )
        wanted[candidate.words] = (candidate.item_id, term, case_sensitive)
    existing = {term.words: term for term in ItemTerm.objects.all()}
    ItemTerm.objects.filter(
        pk__in=[term.pk for words, term in existing.items() if words in wanted and term.item_id != wanted[words][0]]
    ).delete()
    new, changed = [], []
    for words, (item_id, term, case_sensitive) in wanted.items():
        current = existing.get(words)
        if current is None or current.item_id != item_id:
            new.append(ItemTerm(item_id=item_id, term=term, case_sensitive=case_sensitive, words=words))
        elif (current.term, current.case_sensitive) != (term, case_sensitive):
            current.term, current.case_sensitive = term, case_sensitive
            changed.append(current)
    ItemTerm.objects.bulk_create(new, batch_size=500)
    ItemTerm.objects.bulk_update(changed, ["term", "case_sensitive"], batch_size=500)
    return len(rows)


def terms_leave(*, held: set[tuple[str, str]], items: set[str]) -> int:
    """Remove the terms of the items a release holds that the release does not hold (its list is the item's whole
    list); the terms of items it retires stay with them. Returns how many were removed."""
    stale = [
        pk
        for pk, slug, term in ItemTerm.objects.filter(item__slug__in=items).values_list("pk", "item__slug", "term")
        if (slug, term) not in held
    ]
    return ItemTerm.objects.filter(pk__in=stale).delete()[0] if stale else 0
