"""The pretrained FER2013 network: found and loaded without importing its package."""

import subprocess
import sys

from liveparty.mood import weights
from liveparty.mood.network import EMOTIONS, PretrainedFER
from liveparty.processes import ROOT

LOAD_AND_REPORT = """
import sys, django
django.setup()
from liveparty.mood import weights
model = weights.load_pretrained()
print(model.name, "imported" if "facial_emotion_recognition" in sys.modules else "not imported")
"""


def test_the_weights_load_strictly_into_our_own_declaration():
    model = weights.load_pretrained()
    assert isinstance(model.network, PretrainedFER)
    assert model.classes == EMOTIONS
    assert not model.network.training
    assert model.metadata["accuracy"] > 0
    assert weights.pretrained_path().name == "model.pkl"


def test_the_package_is_never_imported(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", LOAD_AND_REPORT],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "liveparty.settings", "LIVEPARTY_VAR_DIR": str(tmp_path), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("not imported")
