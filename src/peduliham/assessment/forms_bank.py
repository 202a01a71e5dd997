"""Forms of the question bank pages: filters, a question with its five option rows, upload."""

from typing import Any, Final

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from peduliham.assessment.models import Difficulty, Question, Topic
from peduliham.assessment.services.bank import (
    LETTERS,
    MAX_OPTIONS,
    OPTION_MAX,
    OptionSpec,
    QuestionSpec,
)

OPTION_PREFIX: Final = "pilihan"
UPLOAD_MAX_BYTES: Final = 5 * 1024 * 1024
ACTIVE_CHOICES: Final = (("", _("Semua")), ("1", _("Aktif")), ("0", _("Nonaktif")))


class BankFilterForm(forms.Form):
    """Filters of the bank list; every field optional."""

    q = forms.CharField(
        label=_("Cari kode atau teks"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    topic = forms.ChoiceField(
        label=_("Topik"), required=False, choices=[("", _("Semua topik")), *Topic.choices]
    )
    difficulty = forms.ChoiceField(
        label=_("Tingkat kesulitan"),
        required=False,
        choices=[("", _("Semua tingkat")), *Difficulty.choices],
    )
    active = forms.ChoiceField(label=_("Status"), required=False, choices=ACTIVE_CHOICES)

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `questions_for` (call after is_valid())."""
        data = self.cleaned_data
        active = {"1": True, "0": False}.get(data.get("active") or "")
        return {
            "topic": data.get("topic") or "",
            "difficulty": data.get("difficulty") or "",
            "active": active,
            "search": data.get("q") or "",
        }


class QuestionForm(forms.Form):
    """The question's own fields and which option row is correct."""

    code = forms.CharField(label=_("Kode"), max_length=20, help_text=_("Contoh: HAM-061"))
    topic = forms.ChoiceField(label=_("Topik"), choices=Topic.choices)
    difficulty = forms.ChoiceField(label=_("Tingkat kesulitan"), choices=Difficulty.choices)
    text = forms.CharField(label=_("Pertanyaan"), widget=forms.Textarea(attrs={"rows": 3}))
    text_en = forms.CharField(
        label=_("Pertanyaan (Inggris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    correct = forms.TypedChoiceField(
        label=_("Jawaban benar"),
        coerce=int,
        choices=[(index, letter) for index, letter in enumerate(LETTERS)],
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(label=_("Pembahasan"), widget=forms.Textarea(attrs={"rows": 4}))
    explanation_en = forms.CharField(
        label=_("Pembahasan (Inggris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OptionForm(forms.Form):
    text = forms.CharField(label=_("Pilihan"), required=False, max_length=OPTION_MAX)
    text_en = forms.CharField(label=_("Pilihan (Inggris)"), required=False, max_length=OPTION_MAX)


OptionFormSet: type[BaseFormSet[OptionForm]] = formset_factory(
    OptionForm, extra=MAX_OPTIONS, max_num=MAX_OPTIONS, absolute_max=MAX_OPTIONS, validate_max=True
)


def option_formset(data: Any = None, question: Question | None = None) -> BaseFormSet[OptionForm]:
    """Five rows (the fifth may stay empty); filled from `question` when editing."""
    initial = None
    if question is not None:
        initial = [{"text": o.text, "text_en": o.text_en} for o in question.options.all()]
    formset = OptionFormSet(data, initial=initial, prefix=OPTION_PREFIX)
    formset.extra = MAX_OPTIONS - len(initial or [])
    return formset


def initial_for(question: Question) -> dict[str, Any]:
    correct = next(
        (index for index, option in enumerate(question.options.all()) if option.is_correct), None
    )
    return {
        "code": question.code,
        "topic": question.topic,
        "difficulty": question.difficulty,
        "text": question.text,
        "text_en": question.text_en,
        "correct": correct,
        "explanation": question.explanation,
        "explanation_en": question.explanation_en,
    }


def build_spec(
    form: QuestionForm, formset: BaseFormSet[OptionForm], *, is_active: bool = True
) -> QuestionSpec | None:
    """The spec of valid forms; None (with an error on the form) when the chosen correct
    row is empty. Empty rows are dropped; the services check the count and duplicates."""
    data = form.cleaned_data
    rows = [row.cleaned_data for row in formset.forms]
    chosen = data["correct"]
    if chosen >= len(rows) or not (rows[chosen].get("text") or "").strip():
        form.add_error("correct", _("Jawaban benar harus menunjuk pilihan yang diisi."))
        return None
    options = tuple(
        OptionSpec(row.get("text") or "", row.get("text_en") or "", index == chosen)
        for index, row in enumerate(rows)
        if (row.get("text") or "").strip() or (row.get("text_en") or "").strip()
    )
    return QuestionSpec(
        code=data["code"],
        topic=data["topic"],
        difficulty=data["difficulty"],
        text=data["text"],
        text_en=data["text_en"],
        explanation=data["explanation"],
        explanation_en=data["explanation_en"],
        options=options,
        is_active=is_active,
    )


class BankImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas bank soal (.xlsx)"),
        help_text=_("Gunakan format hasil unduhan XLSX bank soal: satu baris per soal."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar 5 MB)."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Hanya berkas .xlsx yang diterima."))
        return upload
