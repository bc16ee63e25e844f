"""Near-duplicate detection for the catalogue: is a proposed vendor or product already there under a
slightly different name ("Acos Websak" next to "Acos WebSak", "Tieto Evry" next to "TietoEVRY")?

Two names are similar when they are equal but for case, spaces and punctuation, or when a fuzzy ratio
(rapidfuzz) between them is high; a product of the same vendor needs a lower score than one of another
vendor, and is listed first. A product name is also compared without its vendor's name in front
("WebSak" by Acos AS ~ "Acos WebSak"), a vendor name without its legal form ("Acos" ~ "Acos AS").
Names whose numbers differ ("Produkt 1", "Produkt 101") are different entries.

``similar_products`` and ``similar_vendors`` read the candidates through the catalogue policy, in one
query, and answer the best matches first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz, utils

from orden.core.forms import parse_id
from orden.core.roles import Action

from .models import Product, Vendor

# Scores (0-100) from which two names count as similar: on saving, and while a name is typed (which also
# suggests entries that start with or contain what was typed so far).
SAME_VENDOR_SCORE = 85
OTHER_VENDOR_SCORE = 90
LIMIT = 5
MIN_LENGTH = 3

LEGAL_FORMS = re.compile(
    r"[\s,]+(as|asa|a/s|sa|ab|aps|oy|oyj|ltd|limited|inc|llc|gmbh|ag|bv|nv|plc|corp|corporation|iks|sf|da|ans)\.?$",
    re.IGNORECASE,
)
DIGITS = re.compile(r"\d+")


def key(name: str) -> str:
    """The name without case, spaces and punctuation: equal keys are the same name."""
    return "".join(character for character in name.casefold() if character.isalnum())


def vendor_key(name: str) -> str:
    return key(LEGAL_FORMS.sub("", name.strip()))


def bare_product_name(name: str, vendor_name: str) -> str:
    """The product name without its vendor's name in front ("Acos WebSak" by "Acos AS" is "websak")."""
    processed = utils.default_process(name)
    vendor = utils.default_process(LEGAL_FORMS.sub("", vendor_name.strip()))
    for prefix in sorted({vendor, vendor.split(" ")[0]}, key=len, reverse=True):
        if prefix and processed.startswith(prefix + " "):
            return processed[len(prefix) + 1 :]
    return processed


def score(a: str, b: str, *, typing: bool = False) -> float:
    """How similar two names are, 0-100 (100: the same but for case, spaces and punctuation)."""
    key_a, key_b = key(a), key(b)
    if not key_a or not key_b:
        return 0
    if key_a == key_b:
        return 100
    numbers_a, numbers_b = DIGITS.findall(a), DIGITS.findall(b)
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return 0
    processed_a, processed_b = utils.default_process(a), utils.default_process(b)
    best = max(fuzz.ratio(key_a, key_b), fuzz.token_sort_ratio(processed_a, processed_b))
    if typing and len(key_a) >= 4:
        # While typing, "Acos Web" should already find "Acos WebSak".
        best = max(best, 0.9 * fuzz.partial_ratio(processed_a, processed_b))
    return best


@dataclass(frozen=True)
class Match:
    """A similar existing entry, as the form, the API and the drafts page show it."""

    id: int
    name: str
    status: str
    score: float
    vendor_id: int | None = None
    vendor_name: str = ""
    same_vendor: bool = False
    kind: str = "product"

    @property
    def url(self) -> str:
        model = Product if self.kind == "product" else Vendor
        return model(pk=self.id).get_absolute_url()

    def __str__(self):
        return f"{self.name} ({self.vendor_name})" if self.vendor_name else self.name


def _best(matches: list[Match], limit: int) -> list[Match]:
    return sorted(matches, key=lambda match: (not match.same_vendor, -match.score, match.name.casefold()))[:limit]


def product_candidates(user):
    """Every product the user may see, as the few values the comparison needs (one query)."""
    return list(
        Product.objects.restrict(user, Action.VIEW).values_list("pk", "name", "status", "vendor_id", "vendor__name")
    )


def similar_products(
    user, name: str, vendor=None, *, exclude=None, typing: bool = False, limit: int = LIMIT, candidates=None
) -> list[Match]:
    """The existing products most like ``name`` (by ``vendor``, a ``Vendor``, its id or None); same vendor first.

    ``exclude`` is the product being edited; ``candidates`` the result of ``product_candidates`` when many
    names are compared at once (the drafts page)."""
    name = (name or "").strip()
    if len(key(name)) < MIN_LENGTH:
        return []
    vendor_id = getattr(vendor, "pk", vendor)
    vendor_id = parse_id(vendor_id)
    vendor_name = getattr(vendor, "name", None)
    exclude_id = getattr(exclude, "pk", exclude)
    rows = product_candidates(user) if candidates is None else candidates
    if vendor_id is not None and vendor_name is None:
        vendor_name = next((row[4] for row in rows if row[3] == vendor_id), None)
    if vendor_name is None and vendor_id is not None:
        vendor_name = Vendor.objects.restrict(user).filter(pk=vendor_id).values_list("name", flat=True).first()
    found = []
    for pk, other, status, other_vendor_id, other_vendor_name in rows:
        if pk == exclude_id:
            continue
        same_vendor = vendor_id is not None and other_vendor_id == vendor_id
        value = score(name, other, typing=typing)
        if same_vendor and vendor_name:
            # The same product with or without the vendor's name in front.
            bare, other_bare = bare_product_name(name, vendor_name), bare_product_name(other, vendor_name)
            if bare and other_bare:
                value = max(value, score(bare, other_bare, typing=typing))
        if value >= (SAME_VENDOR_SCORE if same_vendor else OTHER_VENDOR_SCORE):
            found.append(
                Match(pk, other, status, value, other_vendor_id, other_vendor_name or "", same_vendor, "product")
            )
    return _best(found, limit)


def vendor_candidates(user):
    return list(Vendor.objects.restrict(user, Action.VIEW).values_list("pk", "name", "status"))


def similar_vendors(
    user, name: str, *, exclude=None, typing: bool = False, limit: int = LIMIT, candidates=None
) -> list[Match]:
    """The existing vendors most like ``name``, compared without legal forms ("AS", "ASA", "A/S" ...)."""
    name = (name or "").strip()
    if len(key(name)) < MIN_LENGTH:
        return []
    exclude_id = getattr(exclude, "pk", exclude)
    rows = vendor_candidates(user) if candidates is None else candidates
    bare = LEGAL_FORMS.sub("", name)
    found = []
    for pk, other, status in rows:
        if pk == exclude_id:
            continue
        other_bare = LEGAL_FORMS.sub("", other.strip())
        value = 100 if vendor_key(name) == vendor_key(other) else score(bare, other_bare, typing=typing)
        if value >= OTHER_VENDOR_SCORE:
            found.append(Match(pk, other, status, value, kind="vendor"))
    return _best(found, limit)


# What a user is told when a new or renamed entry is like existing ones (forms and the API alike).
DUPLICATE_MESSAGES = {
    Vendor: gettext_lazy("Similar to %(entries)s — is it the same vendor?"),
    Product: gettext_lazy("Similar to %(entries)s — is it the same product?"),
}


def similar_to(model, user, name: str, vendor=None, *, exclude=None) -> list[Match]:
    """The existing vendors or products (``model``) like ``name``: the near-duplicate check of a save."""
    if model is Product:
        return similar_products(user, name, vendor, exclude=exclude)
    return similar_vendors(user, name, exclude=exclude)


def duplicate_message(model, matches: list[Match]) -> str:
    return DUPLICATE_MESSAGES[model] % {"entries": describe(matches)}


def describe(matches: list[Match]) -> str:
    """``Acos WebSak (Acos AS), Acos Websak (Acos AS)``: the matches for a message."""
    return ", ".join(str(match) for match in matches)
