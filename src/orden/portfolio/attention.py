"""What needs attention on a system, worst first: the list the system page leads with.

Computed in Python from a row that was already fetched (with its product version and, for the
completeness item, ``completeness.annotate_gaps``), so the page costs no query per item.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from orden.core import completeness
from orden.core.dates import add_months

from .models import Lifecycle
from .reviews import review_cutoff

# A version whose vendor support ends within this many months is flagged before it happens.
SUPPORT_WARNING_MONTHS = 12


@dataclass(frozen=True)
class Attention:
    """One thing to act on.

    Attributes:
        code: ``unsupported_version``, ``support_ending``, ``review_overdue``, ``no_owner`` or ``incomplete``
            (the template words each one).
        color: the Designsystemet colour of its alert: ``danger`` or ``warning``.
        day: the date it is about (end of support, the last confirmation), if any.
        gaps: the completeness rules the system breaks (``incomplete`` only).
        score: the system's completeness score (``incomplete`` only).
    """

    code: str
    color: str
    day: date | None = None
    gaps: list = field(default_factory=list)
    score: int | None = None


def support_state(version, today: date | None = None) -> str | None:
    """``"ended"``, ``"ending"`` (within ``SUPPORT_WARNING_MONTHS``) or None for a product version."""
    end = getattr(version, "end_of_support", None)
    if end is None:
        return None
    today = today or timezone.localdate()
    if end < today:
        return "ended"
    if end <= add_months(today, SUPPORT_WARNING_MONTHS):
        return "ending"
    return None


def review_overdue(system, organization, today: date | None = None) -> bool:
    """The same rule as ``reviews.overdue``, for one row in memory."""
    if system.lifecycle == Lifecycle.RETIRED:
        return False
    return system.last_reviewed is None or system.last_reviewed < review_cutoff(organization, today)


def attention_of(system, organization, today: date | None = None) -> list[Attention]:
    """What needs attention on ``system`` (of ``organization``), most serious first. A retired system needs
    no owner, confirmation or supported version; its completeness still counts (as on the dashboard)."""
    items = []
    active = system.lifecycle != Lifecycle.RETIRED
    version = system.product_version if system.product_version_id else None
    state = support_state(version, today) if active else None
    if state == "ended":
        items.append(Attention("unsupported_version", "danger", day=version.end_of_support))
    elif state == "ending":
        items.append(Attention("support_ending", "warning", day=version.end_of_support))
    if active and system.owner_id is None:
        items.append(Attention("no_owner", "warning"))
    if review_overdue(system, organization, today):
        items.append(Attention("review_overdue", "warning", day=system.last_reviewed))
    gaps = completeness.gaps_of(system)
    if gaps:
        items.append(Attention("incomplete", "warning", gaps=gaps, score=completeness.row_score(system)))
    return items
