"""Self-checks and rubrics in the admin: a check with its bank of questions (each question's choices on its own
page), how learners fare on it, and a project's rubric with its criteria."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from . import hooks
from .models import Choice, Question, Rubric, RubricCriterion, SelfCheck


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "key", "kind", "text", "answer", "tolerance"]
    extra = 0
    show_change_link = True


@admin.register(SelfCheck)
class SelfCheckAdmin(admin.ModelAdmin):
    list_display = ["item", "questions_shown", "pass_percent", "bank", "ready"]
    search_fields = ["item__title", "item__slug"]
    autocomplete_fields = ["item"]
    inlines = [QuestionInline]
    change_form_template = "admin/roadmap/selfcheck/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item").annotate(bank_size=Count("questions"))

    @admin.display(description=_("questions in the bank"), ordering="bank_size")
    def bank(self, obj):
        return obj.bank_size

    @admin.display(description=_("ready"), boolean=True)
    def ready(self, obj):
        """A bank of at least one and a half times the questions shown: otherwise learners see no check."""
        return obj.bank_size >= obj.bank_needed

    def change_view(self, request, object_id, form_url="", extra_context=None):
        statistics = hooks.check_statistics(self_check_id=int(object_id)) if object_id.isdigit() else None
        questions = Question.objects.filter(self_check_id=object_id).order_by("position") if statistics else []
        rows = [(question, statistics.questions.get(question.pk)) for question in questions]
        extra = {"statistics": statistics, "question_rows": rows, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)


class ChoiceInline(admin.TabularInline):
    model = Choice
    fields = ["position", "text", "is_correct"]
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["key", "self_check", "kind", "position"]
    list_filter = ["kind"]
    search_fields = ["key", "text", "self_check__item__title"]
    list_select_related = ["self_check__item"]
    inlines = [ChoiceInline]
    fields = ["self_check", "key", "kind", "position", "text", "answer", "tolerance", "explanation", "source"]


class RubricCriterionInline(admin.StackedInline):
    model = RubricCriterion
    fields = ["position", "key", "title", "level_1", "level_2", "level_3", "level_4"]
    extra = 0


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ["item", "pass_mark", "criteria_count"]
    search_fields = ["item__title", "item__slug"]
    autocomplete_fields = ["item"]
    inlines = [RubricCriterionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item").annotate(criteria_total=Count("criteria"))

    @admin.display(description=_("criteria"), ordering="criteria_total")
    def criteria_count(self, obj):
        return obj.criteria_total
