"""Reads of the national question bank: only the national admin sees it."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from peduliham.accounts.models import Role
from peduliham.accounts.scoping import ScopeLevel, scope_for
from peduliham.assessment.models import Question, Topic
from peduliham.core.errors import NotFound, PermissionDenied


@dataclass(frozen=True, slots=True)
class TopicCount:
    topic: str
    label: str
    total: int
    active: int


def may_manage_bank(user: Any) -> bool:
    """The bank is national: the national admin maintains it, nobody else sees it."""
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "role", "") == Role.NATIONAL_ADMIN
        and scope_for(user).level is ScopeLevel.NATIONAL
    )


def _bank(user: Any) -> QuerySet[Question]:
    if not may_manage_bank(user):
        raise PermissionDenied(_("Bank soal hanya untuk admin pusat."))
    return Question.objects.all()


def questions_for(
    user: Any,
    *,
    topic: str = "",
    difficulty: str = "",
    active: bool | None = None,
    search: str = "",
) -> QuerySet[Question]:
    """The bank filtered by topic, difficulty, active flag and text (code, question or
    option), ordered by code; PermissionDenied for anyone but the national admin."""
    questions = _bank(user)
    if topic:
        questions = questions.filter(topic=topic)
    if difficulty:
        questions = questions.filter(difficulty=difficulty)
    if active is not None:
        questions = questions.filter(is_active=active)
    search = search.strip()
    if search:
        matches = Q(code__icontains=search) | Q(text__icontains=search)
        matches |= Q(options__text__icontains=search)
        questions = questions.filter(matches).distinct()
    return questions.order_by("code")


def question_for(user: Any, pk: int) -> Question:
    """One question with its options (NotFound, PermissionDenied)."""
    question = _bank(user).prefetch_related("options").filter(pk=pk).first()
    if question is None:
        raise NotFound(_("Soal tidak ditemukan."))
    return question


def topic_counts(user: Any) -> list[TopicCount]:
    """Questions per topic (all and active), every topic listed even when empty."""
    counted = (
        _bank(user)
        .values("topic")
        .annotate(total=Count("pk"), active=Count("pk", filter=Q(is_active=True)))
    )
    rows: dict[str, tuple[int, int]] = {
        row["topic"]: (row["total"], row["active"]) for row in counted
    }
    return [
        TopicCount(str(value), str(label), *rows.get(value, (0, 0)))
        for value, label in Topic.choices
    ]


def bank_for_export(user: Any) -> QuerySet[Question]:
    """Every question with its options, ordered by code."""
    return _bank(user).prefetch_related("options").order_by("code")
