"""What assessment adds to other apps' pages: the item page's "show it" panel (registered in ready())."""

from django.db.models import Count, Exists

from roadmap.models import SelfCheck

from .models import ShownBy, ShownItem


def item_page(*, request, obj, context) -> dict:
    """The item's check for the signed-in learner: whether they have shown the item, and how big the check is."""
    passed = ShownItem.objects.filter(learner=request.user, item=obj, shown_by=ShownBy.CHECK)
    self_check = SelfCheck.objects.filter(item=obj).annotate(bank=Count("questions"), passed=Exists(passed)).first()
    if self_check is None or self_check.bank < self_check.bank_needed:
        return {}
    panel = {"template": "assessment/includes/item_check.html", "self_check": self_check}
    return {"item_panels": [panel, *context.get("item_panels", [])]}
