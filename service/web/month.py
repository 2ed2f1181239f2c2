"""The month view of the deadlines page: weeks from Monday to Sunday, each day with its items."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

MONTHS = (
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
)
WEEKDAYS = ("lun", "mar", "mer", "gio", "ven", "sab", "dom")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class Day:
    day: date
    in_month: bool
    items: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, value: str | None, default: date) -> Month:
        """``YYYY-MM`` (years 1800–2200, as dates in documents), or the month of ``default``."""
        if not value:
            return cls(default.year, default.month)
        match = _MONTH.match(value.strip())
        if not match or not (1800 <= int(match[1]) <= 2200 and 1 <= int(match[2]) <= 12):
            raise ValueError(f"mese non valido: {value!r} (atteso AAAA-MM, per esempio 2026-03)")
        return cls(int(match[1]), int(match[2]))

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def title(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year}"

    def shifted(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)


def weeks(month: Month, items: Iterable[dict[str, Any]]) -> list[list[Day]]:
    """The month's weeks (Monday first, padded with the neighbouring months' days) with items on their day."""
    by_day: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_day.setdefault(str(item["date"]), []).append(item)
    grid = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [
        [
            Day(day, day.month == month.month, by_day.get(day.isoformat(), []) if day.month == month.month else [])
            for day in week
        ]
        for week in grid
    ]
