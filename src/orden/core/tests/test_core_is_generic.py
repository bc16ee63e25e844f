"""A guard: ``core`` is the generic machine and imports nothing from the apps built on it.

Apps depend on core, never the other way round: core reaches the organisation model through
``settings.ORDEN_ORGANIZATION_MODEL`` and the user's roles through ``user.organization_roles``, and apps add
to core's pages through the registries (``core/registry.py``).
"""

import ast
from pathlib import Path

from django.apps import apps

CORE = Path(__file__).resolve().parents[1]


def app_packages() -> set[str]:
    return {config.name for config in apps.get_app_configs() if config.name.startswith("orden.")} - {"orden.core"}


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.ImportFrom) and node.level > 1:
            found.append((node.lineno, "." * node.level + (node.module or "")))  # climbs out of core
    return found


def test_core_imports_no_app():
    packages = app_packages()
    assert {"orden.organizations", "orden.portfolio"} <= packages
    offences = []
    for path in sorted(CORE.rglob("*.py")):
        for line, module in imports_of(path):
            if (
                module.startswith("..")
                or module == "orden"
                or any(module == package or module.startswith(f"{package}.") for package in packages)
            ):
                offences.append(f"{path.relative_to(CORE.parent)}:{line}: {module}")
    assert not offences, "core imports from an app:\n" + "\n".join(offences)


def test_the_guard_sees_an_app_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from orden.portfolio.models import System\n", encoding="utf-8")
    assert (2, "orden.portfolio.models") in imports_of(sample)
