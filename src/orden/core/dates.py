"""Calendar arithmetic that Python's ``timedelta`` cannot do: whole months."""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier, when negative); the month's last day where it is shorter.

    ``add_months(date(2026, 1, 31), 1)`` is 28 February 2026.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
