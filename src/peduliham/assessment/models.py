"""Question bank, pre/post tests (Exam, ExamAttempt) and the satisfaction survey.

Pre- and post-tests are `Exam` and `ExamAttempt` so they never clash with the
project's `tests/` folder. An exam's questions are drawn once, when the exam
is created (`ExamQuestion`); each person sees them with the options shuffled
by their attempt's seed, so nothing per person needs storing but the answers.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peduliham.training.models import Enrollment, Event


class Topic(models.TextChoices):
    CONCEPTS = "concepts", _("Konsep dasar HAM")
    STATE_DUTY = "state_duty", _("Kewajiban negara: menghormati, melindungi, memenuhi")
    NON_DISCRIMINATION = "non_discrimination", _("Nondiskriminasi")
    PUBLIC_SERVICE = "public_service", _("Pelayanan publik berbasis HAM")
    VULNERABLE_GROUPS = "vulnerable_groups", _("Kelompok rentan")
    COMPLAINTS = "complaints", _("Pengaduan dan pemulihan")


class Difficulty(models.TextChoices):
    EASY = "easy", _("Mudah")
    MEDIUM = "medium", _("Sedang")
    HARD = "hard", _("Sulit")


class Question(models.Model):
    """A multiple-choice question of the national bank (4 or 5 options, one correct)."""

    code = models.CharField(_("kode"), max_length=20, unique=True)
    topic = models.CharField(_("topik"), max_length=20, choices=Topic.choices)
    difficulty = models.CharField(_("tingkat kesulitan"), max_length=10, choices=Difficulty.choices)
    text = models.TextField(_("pertanyaan"))
    text_en = models.TextField(_("pertanyaan (Inggris)"), blank=True)
    explanation = models.TextField(_("pembahasan"))
    explanation_en = models.TextField(_("pembahasan (Inggris)"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("soal")
        verbose_name_plural = _("bank soal")
        ordering = ["code"]
        indexes = [models.Index(fields=["topic", "is_active"], name="question_topic_active")]

    def __str__(self) -> str:
        return self.code


class Option(models.Model):
    """One answer option of a question; `position` is the order in the bank (A, B, C...)."""

    question = models.ForeignKey(
        Question, verbose_name=_("soal"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("urutan"))
    text = models.CharField(_("pilihan"), max_length=500)
    text_en = models.CharField(_("pilihan (Inggris)"), max_length=500, blank=True)
    is_correct = models.BooleanField(_("jawaban benar"), default=False)

    class Meta:
        verbose_name = _("pilihan jawaban")
        verbose_name_plural = _("pilihan jawaban")
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="option_position_unique"),
            models.UniqueConstraint(
                fields=["question"], condition=Q(is_correct=True), name="option_one_correct"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.code}/{self.position}"


class ExamKind(models.TextChoices):
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")


class Exam(models.Model):
    """The pre-test or the post-test of an event: its window, time limit and pass mark."""

    event = models.ForeignKey(
        Event, verbose_name=_("kegiatan"), on_delete=models.PROTECT, related_name="exams"
    )
    kind = models.CharField(_("jenis"), max_length=4, choices=ExamKind.choices)
    opens_at = models.DateTimeField(_("dibuka"))
    closes_at = models.DateTimeField(_("ditutup"))
    time_limit_minutes = models.PositiveSmallIntegerField(_("batas waktu (menit)"))
    pass_mark = models.PositiveSmallIntegerField(_("nilai lulus (%)"), default=70)
    blueprint = models.JSONField(_("kisi-kisi (jumlah soal per topik)"), default=dict)
    seed = models.BigIntegerField(_("benih acak"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("ujian")
        verbose_name_plural = _("ujian")
        ordering = ["event", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["event", "kind"], name="exam_one_per_kind"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="exam_closes_after_open"
            ),
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="exam_pass_mark_percent"),
            models.CheckConstraint(
                condition=Q(time_limit_minutes__gte=1), name="exam_time_limit_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.get_kind_display()}"


class ExamQuestion(models.Model):
    """A question drawn for an exam, in the exam's order."""

    exam = models.ForeignKey(
        Exam, verbose_name=_("ujian"), on_delete=models.CASCADE, related_name="questions"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("soal"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("nomor"))

    class Meta:
        verbose_name = _("soal ujian")
        verbose_name_plural = _("soal ujian")
        ordering = ["exam", "position"]
        constraints = [
            models.UniqueConstraint(fields=["exam", "position"], name="exam_question_position"),
            models.UniqueConstraint(fields=["exam", "question"], name="exam_question_once"),
        ]

    def __str__(self) -> str:
        return f"{self.exam} #{self.position}"


class ExamAttempt(models.Model):
    """One participant's attempt at an exam: started once, submitted exactly once."""

    exam = models.ForeignKey(
        Exam, verbose_name=_("ujian"), on_delete=models.PROTECT, related_name="attempts"
    )
    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("peserta kegiatan"),
        on_delete=models.PROTECT,
        related_name="exam_attempts",
    )
    seed = models.BigIntegerField(_("benih acak pilihan"))
    started_at = models.DateTimeField(_("mulai"))
    deadline_at = models.DateTimeField(_("batas waktu"))
    submitted_at = models.DateTimeField(_("dikumpulkan"), null=True, blank=True)
    auto_submitted = models.BooleanField(_("dikumpulkan otomatis"), default=False)
    correct = models.PositiveSmallIntegerField(_("jawaban benar"), null=True, blank=True)
    total = models.PositiveSmallIntegerField(_("jumlah soal"), default=0)
    score = models.DecimalField(
        _("nilai (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("pengerjaan ujian")
        verbose_name_plural = _("pengerjaan ujian")
        ordering = ["exam", "enrollment"]
        constraints = [
            models.UniqueConstraint(fields=["exam", "enrollment"], name="attempt_one_per_person"),
        ]
        indexes = [
            models.Index(fields=["exam", "submitted_at"], name="attempt_exam_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.exam} / {self.enrollment_id}"


class Answer(models.Model):
    """The option a participant chose for one question (changed freely until submission)."""

    attempt = models.ForeignKey(
        ExamAttempt, verbose_name=_("pengerjaan"), on_delete=models.CASCADE, related_name="answers"
    )
    exam_question = models.ForeignKey(
        ExamQuestion, verbose_name=_("soal ujian"), on_delete=models.CASCADE, related_name="+"
    )
    option = models.ForeignKey(
        Option, verbose_name=_("pilihan"), on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("dijawab"))

    class Meta:
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "exam_question"], name="answer_one_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.exam_question_id} -> {self.option_id}"


class SurveyResponse(models.Model):
    """A participant's satisfaction survey for an event: Likert answers and one free text."""

    event = models.ForeignKey(
        Event, verbose_name=_("kegiatan"), on_delete=models.PROTECT, related_name="+"
    )
    enrollment = models.OneToOneField(
        Enrollment,
        verbose_name=_("peserta kegiatan"),
        on_delete=models.PROTECT,
        related_name="survey_response",
    )
    ratings = models.JSONField(_("penilaian (1-5 per butir)"), default=dict)
    comment = models.TextField(_("saran dan komentar"), blank=True)
    submitted_at = models.DateTimeField(_("dikirim"), auto_now_add=True)

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")

    def __str__(self) -> str:
        return f"{self.event_id} / {self.enrollment_id}"
