"""The import direction of the house: product code (everything a server or a command
runs) imports neither the benchmarks nor the tests, so a deployment needs neither."""

import ast
import subprocess
import sys
from pathlib import Path

from liveparty.processes import ROOT

PRODUCT = ("liveparty", "consumers", "api", "event_host", "dj_console", "guest_app")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_product_code_imports_neither_benchmarks_nor_tests():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in imported_modules(path) if name.split(".")[0] in {"benchmarks", "tests"}
        )
        for package in PRODUCT
        for path in (ROOT / package).rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_synthetic_playlists_and_their_evaluation_need_no_benchmarks_on_the_path(tmp_path):
    """Run from elsewhere with only the product importable: a guard refuses `benchmarks` and `tests`."""
    script = """
import sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"benchmarks", "tests"}:
            raise ImportError(f"{name} is not part of the product")
sys.meta_path.insert(0, Refuse())
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liveparty.settings")
django.setup()
from liveparty.recommend.management.commands import evaluate_recommender
from liveparty.recommend.synthetic import generate
made = generate(200, 50, seed=1)
print(made.tracks, made.playlists)
"""
    env = {"PYTHONPATH": str(ROOT), "LIVEPARTY_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["200", "50"]
