"""Calendar quarters: the periods that team views and reports count in."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1..4

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, key: str) -> "Quarter":
        """From '2026-Q3'; ValueError when it is not a quarter."""
        year, _, number = key.partition("-Q")
        quarter = cls(int(year), int(number))
        if not 1 <= quarter.number <= 4 or not 2000 <= quarter.year <= 2100:
            raise ValueError(key)
        return quarter

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The first day after the quarter."""
        return self.shift(1).start

    @property
    def label(self) -> str:
        first = 3 * self.number - 3
        return f"{MONTHS[first]} to {MONTHS[first + 2]} {self.year}"

    def shift(self, quarters: int) -> "Quarter":
        index = self.year * 4 + self.number - 1 + quarters
        return Quarter(index // 4, index % 4 + 1)


def last_quarters(today: date, count: int) -> list[Quarter]:
    """The `count` quarters up to and including today's, oldest first."""
    current = Quarter.of(today)
    return [current.shift(offset) for offset in range(1 - count, 1)]


def day_start(day: date) -> datetime:
    """Midnight at the start of a day in the service's time zone: filter datetimes with ranges of these,
    not with `__date`, so the database can use its index (SQLite would call Python for every row)."""
    return timezone.make_aware(datetime.combine(day, time.min))
