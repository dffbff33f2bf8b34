"""The outbox in the admin: what was sent, what waits and why, and "send again" for failed mail (staff only)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import OutboxMessage
from .outbox import outbox_resend


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipient_list", "state", "attempts", "created_at", "next_attempt_at", "sent_at")
    list_filter = ("state",)
    search_fields = ("subject", "recipients", "message_id")
    date_hierarchy = "created_at"
    # The content is never shown: it may hold a reset link or a sign-in code meant for the recipient only.
    fields = (
        "subject", "recipients", "from_email", "message_id", "state", "attempts", "last_error", "created_at",
        "next_attempt_at", "claimed_until", "sent_at",
    )  # fmt: skip
    readonly_fields = fields
    actions = ["send_again"]

    @admin.display(description=_("recipients"))
    def recipient_list(self, message: OutboxMessage) -> str:
        return ", ".join(message.recipients)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send again"), permissions=["change"])
    def send_again(self, request, queryset):
        put_back = outbox_resend(queryset=queryset)
        skipped = queryset.count() - put_back
        self.message_user(request, _("%(count)s mail will be sent again within a minute.") % {"count": put_back})
        if skipped:
            self.message_user(
                request, _("%(count)s already sent: nothing kept to send again.") % {"count": skipped}, messages.WARNING
            )
