"""The question bank in the Django admin: readable by the national admin, never changed here.

Writes go through the bank pages (and their services), which validate the
options and keep the audit trail.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from peduliham.accounts.admin import is_national_admin
from peduliham.assessment.models import Option, Question


class OptionInline(admin.TabularInline[Option, Question]):
    model = Option
    fields = ("position", "text", "text_en", "is_correct")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin[Question]):
    list_display = ("code", "topic", "difficulty", "is_active", "updated_at")
    list_filter = ("topic", "difficulty", "is_active")
    search_fields = ("code", "text")
    inlines = (OptionInline,)
    readonly_fields = (
        "code",
        "topic",
        "difficulty",
        "text",
        "text_en",
        "explanation",
        "explanation_en",
        "is_active",
        "created_at",
        "updated_at",
    )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_national_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_national_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
