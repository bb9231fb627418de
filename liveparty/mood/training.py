"""Training and evaluating mood networks on FER2013-format data.

Two layouts are read: FER2013's CSV (`emotion,pixels,Usage`: a class number 0-6, 2304
space-separated gray levels of a 48x48 face, and Training / PublicTest / PrivateTest),
or a folder per class holding face images (its folder names are the classes). Training
is seeded, so the same data and settings give the same network.
"""

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch import nn

from liveparty.mood.network import EMOTIONS, FACE_SIZE, MoodCNN, as_batch

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp"}
VALIDATION_SHARE = 0.2


@dataclass
class FaceSet:
    images: np.ndarray  # N x 48 x 48, uint8
    labels: np.ndarray  # N, class numbers
    classes: tuple[str, ...]
    usage: np.ndarray | None = None  # FER2013's split, when the CSV gives it

    def split(self, seed: int) -> tuple["FaceSet", "FaceSet"]:
        """Training and validation: FER2013's own split (Training / PublicTest) when
        known, else a seeded VALIDATION_SHARE of the faces for validation."""
        if self.usage is not None and (self.usage == "Training").any() and (self.usage == "PublicTest").any():
            train, held = self.usage == "Training", self.usage == "PublicTest"
        else:
            order = np.random.default_rng(seed).permutation(len(self.labels))
            cut = max(1, int(len(order) * VALIDATION_SHARE))
            held = np.zeros(len(order), bool)
            held[order[:cut]] = True
            train = ~held
        return self._subset(train), self._subset(held)

    def _subset(self, mask: np.ndarray) -> "FaceSet":
        return FaceSet(self.images[mask], self.labels[mask], self.classes)


def load_faces(path: Path) -> FaceSet:
    if path.is_dir():
        return _load_folders(path)
    if path.suffix.lower() == ".csv":
        return _load_csv(path)
    raise ValueError(f"{path} is neither a FER2013 CSV nor a folder of class folders")


def _load_csv(path: Path) -> FaceSet:
    images, labels, usage = [], [], []
    with path.open(newline="") as source:
        for row in csv.DictReader(source):
            pixels = np.array(row["pixels"].split(), dtype=np.uint8)
            if pixels.size != FACE_SIZE * FACE_SIZE:
                raise ValueError(f"a row of {path} has {pixels.size} pixels, not {FACE_SIZE * FACE_SIZE}")
            images.append(pixels.reshape(FACE_SIZE, FACE_SIZE))
            labels.append(int(row["emotion"]))
            usage.append(row.get("Usage", ""))
    if not images:
        raise ValueError(f"{path} holds no faces")
    return FaceSet(np.stack(images), np.array(labels), EMOTIONS, np.array(usage))


def _load_folders(path: Path) -> FaceSet:
    classes = tuple(sorted(child.name.lower() for child in path.iterdir() if child.is_dir()))
    folders = sorted(child for child in path.iterdir() if child.is_dir())
    images, labels = [], []
    for folder in folders:
        for file in sorted(folder.iterdir()):
            if file.suffix.lower() in IMAGE_SUFFIXES:
                with Image.open(file) as image:
                    face = image.convert("L").resize((FACE_SIZE, FACE_SIZE), Image.Resampling.BILINEAR)
                images.append(np.asarray(face))
                labels.append(classes.index(folder.name.lower()))
    if not images:
        raise ValueError(f"{path} holds no face images in class folders")
    return FaceSet(np.stack(images), np.array(labels), classes)


@dataclass
class Epoch:
    number: int
    loss: float
    accuracy: float  # on the validation faces


def train(
    faces: FaceSet,
    *,
    epochs: int,
    batch_size: int = 64,
    learning_rate: float = 1e-3,
    seed: int = 7,
    progress: Callable[[int], object] | None = None,
) -> tuple[MoodCNN, list[Epoch], np.ndarray]:
    """A MoodCNN trained on the training faces; each epoch's validation accuracy; the
    final confusion matrix on the validation faces. `progress` hears each batch."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    training, validation = faces.split(seed)
    network = MoodCNN(classes=len(faces.classes))
    optimiser = torch.optim.Adam(network.parameters(), lr=learning_rate)
    loss_of = nn.CrossEntropyLoss()
    images, labels = as_batch(training.images), torch.from_numpy(training.labels).long()
    history = []
    generator = torch.Generator().manual_seed(seed)
    for number in range(1, epochs + 1):
        network.train()
        order = torch.randperm(len(labels), generator=generator)
        total = 0.0
        for start in range(0, len(order), batch_size):
            picked = order[start : start + batch_size]
            optimiser.zero_grad()
            loss = loss_of(network(images[picked]), labels[picked])
            loss.backward()
            optimiser.step()
            total += loss.item() * len(picked)
            if progress is not None:
                progress(len(picked))
        accuracy, _ = evaluate(network, validation, faces.classes)
        history.append(Epoch(number, total / max(1, len(labels)), accuracy))
    _, confusion = evaluate(network, validation, faces.classes)
    return network, history, confusion


def evaluate(
    network: nn.Module, faces: FaceSet, classes: tuple[str, ...], batch_size: int = 256
) -> tuple[float, np.ndarray]:
    """Accuracy and the confusion matrix (rows: the true class, columns: the read one),
    for a network whose outputs are `classes`; the faces' classes are matched by name."""
    index = {name: position for position, name in enumerate(classes)}
    missing = [name for name in faces.classes if name not in index]
    if missing:
        raise ValueError(f"the model does not know the classes {', '.join(missing)}")
    truth = np.array([index[faces.classes[label]] for label in faces.labels])
    network.eval()
    predicted = []
    with torch.inference_mode():
        for start in range(0, len(truth), batch_size):
            predicted.append(network(as_batch(faces.images[start : start + batch_size])).argmax(dim=1).numpy())
    guesses = np.concatenate(predicted) if predicted else np.zeros(0, int)
    confusion = np.zeros((len(classes), len(classes)), int)
    np.add.at(confusion, (truth, guesses), 1)
    return (float((guesses == truth).mean()) if len(truth) else 0.0), confusion


def confusion_table(confusion: np.ndarray, classes: tuple[str, ...]) -> str:
    width = max(8, *(len(name) for name in classes)) + 1
    lines = ["true \\ read".ljust(width) + "".join(name[: width - 1].rjust(width) for name in classes)]
    for name, row in zip(classes, confusion, strict=True):
        lines.append(name.ljust(width) + "".join(str(count).rjust(width) for count in row))
    return "\n".join(lines)
