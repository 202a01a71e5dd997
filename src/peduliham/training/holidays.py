"""Days without training: Indonesian public holidays plus cuti bersama.

Public holidays come from the `holidays` package. Cuti bersama (collective
leave for ASN) are decided each year by a joint decree of three ministers
(SKB 3 Menteri) and are not in any package, so they are kept here as data;
add the next year's list when its decree is published.
"""

from datetime import date, timedelta

import holidays as public_holidays
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# SKB 3 Menteri on national holidays and cuti bersama for 2025 (as amended,
# which added 9 June and 18 August) and for 2026.
CUTI_BERSAMA: dict[date, Promise] = {
    date(2025, 1, 28): _("Cuti bersama Tahun Baru Imlek"),
    date(2025, 3, 28): _("Cuti bersama Hari Suci Nyepi"),
    date(2025, 4, 2): _("Cuti bersama Idul Fitri"),
    date(2025, 4, 3): _("Cuti bersama Idul Fitri"),
    date(2025, 4, 4): _("Cuti bersama Idul Fitri"),
    date(2025, 4, 7): _("Cuti bersama Idul Fitri"),
    date(2025, 5, 13): _("Cuti bersama Hari Raya Waisak"),
    date(2025, 5, 30): _("Cuti bersama Kenaikan Yesus Kristus"),
    date(2025, 6, 9): _("Cuti bersama Idul Adha"),
    date(2025, 8, 18): _("Cuti bersama Hari Kemerdekaan"),
    date(2025, 12, 26): _("Cuti bersama Hari Raya Natal"),
    date(2026, 2, 16): _("Cuti bersama Tahun Baru Imlek"),
    date(2026, 3, 18): _("Cuti bersama Hari Suci Nyepi"),
    date(2026, 3, 20): _("Cuti bersama Idul Fitri"),
    date(2026, 3, 23): _("Cuti bersama Idul Fitri"),
    date(2026, 3, 24): _("Cuti bersama Idul Fitri"),
    date(2026, 5, 15): _("Cuti bersama Kenaikan Yesus Kristus"),
    date(2026, 5, 28): _("Cuti bersama Idul Adha"),
    date(2026, 12, 24): _("Cuti bersama Hari Raya Natal"),
}


def holidays_between(start: date, end: date) -> dict[date, str]:
    """Public holidays and cuti bersama from `start` to `end` inclusive, with their names."""
    if end < start:
        return {}
    years = range(start.year, end.year + 1)
    found: dict[date, str] = {
        day: str(name)
        for day, name in public_holidays.country_holidays("ID", years=years).items()
        if start <= day <= end
    }
    for day, label in CUTI_BERSAMA.items():
        if start <= day <= end:
            found.setdefault(day, str(label))
    return dict(sorted(found.items()))


def holiday_dates(start: date, days: int) -> frozenset[date]:
    """Just the dates of the days off in the `days` days from `start`."""
    return frozenset(holidays_between(start, start + timedelta(days=days)))
