"""What mentoring adds to other apps' pages: reviews on the learner's item page (registered in ready())."""

from .selectors import reviews_by_item


def item_page(*, request, obj, context) -> dict:
    reviews = reviews_by_item(learner_id=request.user.pk, item_ids=[obj.pk], current_only=False).get(obj.pk, [])
    if not reviews:
        return {}
    return {"item_panels": [{"template": "mentoring/includes/item_reviews.html", "reviews": reviews}]}
