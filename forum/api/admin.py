"""Partner API keys in the admin: issue (the key is shown once), revoke, see last use.

Imported by forum/admin.py; kept apart so the admin modules can change without touching it.
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.models import PartnerKey


@admin.register(PartnerKey)
class PartnerKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix")
    readonly_fields = ("prefix", "created_at", "last_used_at", "revoked_at")
    fields = ("name", "requests_per_minute", "expires_at", *readonly_fields)
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        key = obj.issue()
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            _(
                "The API key for %(name)s is %(key)s — copy it now: it is stored hashed and "
                "will not be shown again."
            )
            % {"name": obj.name, "key": key},
        )

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        messages.success(request, _("%(count)s keys revoked.") % {"count": count})
