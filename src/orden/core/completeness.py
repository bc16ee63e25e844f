"""Completeness: explicit, documented rules for the facts a register row should have.

Each rule is a named condition (a ``Q`` built at evaluation time, so "in the last 12 months" is
today's) that marks a row as *missing* something, with the form field that fixes it. Apps register
their rules in one place (``<app>/completeness.py``, imported by the app's ``ready()``); later issues
add theirs the same way. Scores are computed in the database: one query for a whole list.

The per-row score is the weighted share of applicable rules the row passes; the organisation's score
is the mean over its rows. docs/user-guide/completeness.md describes the rules for users.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .roles import Action


@dataclass(frozen=True)
class Rule:
    """A fact a row should have.

    Attributes:
        code: unique per model; the ``?gap=<code>`` filter of the list and the API's name for it.
        model: the model whose rows the rule checks.
        label: what is missing, shown to users ("No system owner").
        condition: returns the ``Q`` of the rows that break the rule; called at evaluation time, so dates
            in it ("in the last 12 months") are today's.
        fix_field: the form field that fixes it ("Fix it" links to it), or None.
        fix_link: where the fix is when it is not a field of the row's form (a tab, another model's form):
            ``fix_link(request, obj)`` returns the URL, or None when the user may not do it.
        fix_label: the text of that link ("Link a service").
        weight: how much the rule counts in the score (the dashboard lists gaps by weight × rows).
        explanation: why the fact matters, for the completeness tab and the user guide.
    """

    code: str
    model: type
    label: str
    condition: Callable[[], Q]
    fix_field: str | None = None
    weight: int = 1
    explanation: str = ""
    fix_link: Callable | None = None
    fix_label: str = ""

    @property
    def annotation(self) -> str:
        return f"gap_{self.code}"


_RULES: dict[type, list[Rule]] = {}


def register(rule: Rule) -> Rule:
    rules = _RULES.setdefault(rule.model, [])
    if all(existing.code != rule.code for existing in rules):
        rules.append(rule)
    return rule


def rules_for(model) -> list[Rule]:
    return list(_RULES.get(model, []))


def annotate_gaps(queryset: QuerySet) -> QuerySet:
    """Each row gets a boolean ``gap_<code>`` per rule (True: the fact is missing)."""
    return queryset.annotate(
        **{
            rule.annotation: Case(
                When(rule.condition(), then=Value(True)), default=Value(False), output_field=BooleanField()
            )
            for rule in rules_for(queryset.model)
        }
    )


# (model, rule codes) -> (the day, every row of the model with its gaps annotated): see with_gaps().
_WITH_GAPS: dict[tuple, tuple] = {}


def with_gaps(model) -> QuerySet:
    """Every row of ``model`` with ``annotate_gaps``, to filter further (e.g. to one row). The annotations are
    built once a day (the rules' dates are today's) and copied with the queryset after that: building them
    took a third of the system page's time (docs/performance.md)."""
    key, today = (model, tuple(rule.code for rule in rules_for(model))), timezone.localdate()
    day, queryset = _WITH_GAPS.get(key, (None, None))
    if day != today:
        queryset = annotate_gaps(model._default_manager.all())
        _WITH_GAPS[key] = (today, queryset)
    return queryset.all()  # a copy: the kept one is never evaluated


def gaps_of(obj) -> list[Rule]:
    """The rules an annotated row breaks (``annotate_gaps`` must have been applied)."""
    return [rule for rule in rules_for(type(obj)) if getattr(obj, rule.annotation, False)]


def tab_context(request, obj) -> dict:
    """The completeness tab of a detail page: the row's score, and its gaps each with the link that fixes
    it (the form field, or the rule's ``fix_link``) where the user may fix it."""
    model = type(obj)
    annotated = annotate_gaps(model.objects.restrict(request.user).filter(pk=obj.pk)).get()
    may_change = model.policy.can(request.user, Action.CHANGE, obj)
    gaps = []
    for rule in gaps_of(annotated):
        link, label = None, ""
        if rule.fix_field and may_change:
            link, label = f"{reverse(model.url_name('edit'), args=[obj.pk])}#id_{rule.fix_field}", _("Fix it")
        elif rule.fix_link:
            link, label = rule.fix_link(request, obj), rule.fix_label
        gaps.append({"rule": rule, "link": link, "label": label})
    return {"gaps": gaps, "score": row_score(annotated), "rules": rules_for(model)}


def row_score(obj) -> int:
    rules = rules_for(type(obj))
    total = sum(rule.weight for rule in rules)
    missing = sum(rule.weight for rule in gaps_of(obj))
    return round(100 * (total - missing) / total) if total else 100


def summary(queryset: QuerySet) -> dict:
    """Counts per rule and the overall score for a set of rows, in one query."""
    rules = rules_for(queryset.model)
    counts = queryset.aggregate(rows=Count("pk"), **{rule.code: Count("pk", filter=rule.condition()) for rule in rules})
    rows = counts.pop("rows")
    total_weight = sum(rule.weight for rule in rules)
    missing = sum(rule.weight * counts[rule.code] for rule in rules)
    score = round(100 * (1 - missing / (rows * total_weight))) if rows and total_weight else 100
    gaps = sorted(
        ({"rule": rule, "count": counts[rule.code]} for rule in rules if counts[rule.code]),
        key=lambda gap: (-gap["count"] * gap["rule"].weight, gap["rule"].code),
    )
    return {"rows": rows, "score": score, "gaps": gaps}


def worst_rows(queryset: QuerySet, limit: int = 20) -> list:
    """The rows with most missing (weighted), worst first, annotated with their gaps."""
    rules = rules_for(queryset.model)
    if not rules:
        return []
    missing_weight = sum(
        (Case(When(rule.condition(), then=Value(rule.weight)), default=Value(0)) for rule in rules), Value(0)
    )
    return list(
        annotate_gaps(queryset)
        .annotate(missing_weight=missing_weight)
        .filter(missing_weight__gt=0)
        .order_by("-missing_weight", *queryset.model._meta.ordering, "pk")[:limit]
    )
