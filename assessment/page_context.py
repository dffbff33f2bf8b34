"""What assessment adds to other apps' pages: the item page's "show it" panel (registered in ready())."""

from django.db.models import Count, Exists

from roadmap.models import ItemKind, Rubric, SelfCheck

from .models import SelfReview, ShownBy, ShownItem


def item_page(*, request, obj, context) -> dict:
    """The item's check for the signed-in learner (whether they have shown the item, how big the check is); for a
    project with a rubric, the rubric and the learner's own scores of it."""
    if obj.kind == ItemKind.PROJECT:
        return _project_panel(request=request, obj=obj, context=context)
    passed = ShownItem.objects.filter(learner=request.user, item=obj, shown_by=ShownBy.CHECK)
    self_check = SelfCheck.objects.filter(item=obj).annotate(bank=Count("questions"), passed=Exists(passed)).first()
    if self_check is None or self_check.bank < self_check.bank_needed:
        return {}
    panel = {"template": "assessment/includes/item_check.html", "self_check": self_check}
    return {"item_panels": [panel, *context.get("item_panels", [])]}


def _project_panel(*, request, obj, context) -> dict:
    rubric = Rubric.objects.filter(item=obj).prefetch_related("criteria").first()
    if rubric is None:
        return {}
    mine = SelfReview.objects.filter(learner=request.user, item=obj).first()
    panel = {"template": "assessment/includes/item_rubric.html", "rubric": rubric, "self_review": mine}
    return {"item_panels": [panel, *context.get("item_panels", [])]}
