"""The satisfaction survey's questions as data: Likert items (1-5) and one free text.

Keys are stored in SurveyResponse.ratings, so never rename one; add a new
key instead (older responses simply lack it).
"""

from dataclasses import dataclass
from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class SurveyItem:
    key: str
    text: str | Promise


ITEMS: Final = (
    SurveyItem("relevant", _("Materi pelatihan relevan dengan tugas saya.")),
    SurveyItem("speakers_clear", _("Narasumber menyampaikan materi dengan jelas.")),
    SurveyItem("time_enough", _("Waktu pelatihan cukup untuk membahas materi.")),
    SurveyItem("venue_accessible", _("Tempat pelatihan mudah dijangkau dan aksesibel.")),
    SurveyItem("materials_useful", _("Bahan dan contoh kasus membantu saya memahami materi.")),
    SurveyItem("will_apply", _("Saya akan menerapkan materi ini di tempat kerja.")),
)
ITEM_KEYS: Final = frozenset(item.key for item in ITEMS)

#: The Likert scale, lowest first.
SCALE: Final = (
    (1, _("Sangat tidak setuju")),
    (2, _("Tidak setuju")),
    (3, _("Ragu-ragu")),
    (4, _("Setuju")),
    (5, _("Sangat setuju")),
)
SCALE_VALUES: Final = frozenset(value for value, _label in SCALE)

COMMENT_LABEL: Final = _("Saran dan komentar untuk penyelenggara")
COMMENT_MAX_LENGTH: Final = 2000
