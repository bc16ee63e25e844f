"""A guard: code that answers requests reads tenant rows only through the policy (``restrict``/``usage``).

The permission matrix proves the generic views and API; this test keeps hand-written views, forms and
reports from querying a tenant model around the policy. Declarations the machinery restricts itself
(a viewset's ``queryset =``, a filter's ``queryset=``) are allowed; anything else deliberate must say why
on the line above with ``# unscoped: <reason>``.
"""

import re
from pathlib import Path

from django.apps import apps

from orden.core.models import TenantModel

SOURCE = Path(__file__).resolve().parents[2]
REQUEST_MODULES = (
    "views.py",
    "forms.py",
    "filters.py",
    "api.py",
    "ui.py",
    "middleware.py",
    "context_processors.py",
    "matrix.py",
    "responsibilities.py",
    "attention.py",
    "unit_tree.py",
    "similarity.py",
    "services.py",
    "invitations.py",
    "public.py",
    "cache.py",
    "importing.py",
    "import_views.py",
    "rdf.py",
    "validation.py",
)
ALLOWED_METHODS = {"restrict", "usage", "none"}


def tenant_model_names():
    return {model.__name__ for model in apps.get_models() if issubclass(model, TenantModel)}


def test_request_code_reads_tenant_rows_through_the_policy():
    names = "|".join(sorted(tenant_model_names()))
    pattern = re.compile(rf"\b({names})\.objects\.(\w+)")
    offences = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name not in REQUEST_MODULES or "tests" in path.parts:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            for match in pattern.finditer(line):
                declared = re.search(r"\bqueryset\s*=\s*$", line[: match.start()])
                explained = number > 1 and "# unscoped:" in lines[number - 2]
                if match.group(2) not in ALLOWED_METHODS and not declared and not explained:
                    offences.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()}")
    assert not offences, "tenant rows read around the policy:\n" + "\n".join(offences)


def test_the_guard_knows_the_tenant_models():
    assert {"System", "Service", "Unit", "Membership"} <= tenant_model_names()
