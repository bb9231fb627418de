"""MoodCNN: the original design's shape, a training step, training and evaluating by command."""

from io import StringIO

import numpy as np
import pytest
import torch
from django.core.management import call_command
from PIL import Image
from torch import nn

from liveparty.mood import weights
from liveparty.mood.network import EMOTIONS, MoodCNN, as_batch
from liveparty.mood.training import FaceSet, evaluate, train


def test_four_convolutions_then_two_fully_connected_layers():
    network = MoodCNN()
    convolutions = [layer for layer in network.modules() if isinstance(layer, nn.Conv2d)]
    linear = [layer for layer in network.modules() if isinstance(layer, nn.Linear)]
    assert [layer.out_channels for layer in convolutions] == [16, 32, 64, 128]
    assert [(layer.in_features, layer.out_features) for layer in linear] == [(128 * 3 * 3, 128), (128, len(EMOTIONS))]
    assert any(isinstance(layer, nn.Dropout) for layer in network.modules())
    assert network(torch.zeros(5, 1, 48, 48)).shape == (5, len(EMOTIONS))


def stripes(count: int, seed: int = 0) -> FaceSet:
    """Two easy classes: bright top half or bright bottom half, with noise."""
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 60, (count, 48, 48)).astype(np.uint8)
    labels = np.arange(count) % 2
    images[labels == 0, :24] += 180
    images[labels == 1, 24:] += 180
    return FaceSet(images, labels, ("happy", "sad"))


def test_a_training_step_lowers_the_loss():
    torch.manual_seed(1)
    faces = stripes(32)
    network = MoodCNN(classes=2, dropout=0.0)
    optimiser = torch.optim.Adam(network.parameters(), lr=1e-3)
    images, labels = as_batch(faces.images), torch.from_numpy(faces.labels).long()
    before = nn.functional.cross_entropy(network(images), labels)
    for _ in range(5):
        optimiser.zero_grad()
        nn.functional.cross_entropy(network(images), labels).backward()
        optimiser.step()
    assert nn.functional.cross_entropy(network(images), labels) < before


def test_training_is_seeded_and_learns_an_easy_task():
    first, history, confusion = train(stripes(200), epochs=3, seed=3)
    second, _, _ = train(stripes(200), epochs=3, seed=3)
    for a, b in zip(first.state_dict().values(), second.state_dict().values(), strict=True):
        assert torch.equal(a, b)
    assert history[-1].accuracy > 0.9
    assert confusion.sum() == 40  # the validation fifth
    accuracy, _ = evaluate(first, stripes(50, seed=9), ("happy", "sad"))
    assert accuracy > 0.9


def write_folders(root, faces: FaceSet) -> None:
    for index, (image, label) in enumerate(zip(faces.images, faces.labels, strict=True)):
        folder = root / faces.classes[label]
        folder.mkdir(parents=True, exist_ok=True)
        Image.fromarray(image).save(folder / f"{index}.png")


def write_csv(path, faces: FaceSet) -> None:
    rows = ["emotion,pixels,Usage"]
    for index, (image, label) in enumerate(zip(faces.images, faces.labels, strict=True)):
        usage = "PublicTest" if index % 5 == 0 else "Training"
        rows.append(f"{[3, 4][label]},{' '.join(map(str, image.ravel()))},{usage}")
    path.write_text("\n".join(rows))


def test_train_mood_reads_class_folders_and_saves_weights_with_their_metadata(tmp_path, settings):
    write_folders(tmp_path / "faces", stripes(60))
    settings.MOOD_TRAINED_MODEL = tmp_path / "mood" / "moodcnn.pt"
    out, err = StringIO(), StringIO()
    call_command("train_mood", "--data", str(tmp_path / "faces"), "--epochs", "2", stdout=out, stderr=err)
    text = out.getvalue()
    assert "epoch 1: loss" in text
    assert "epoch 2: loss" in text
    assert "validation accuracy" in text
    assert "true \\ read" in text  # the confusion matrix
    assert "face" in err.getvalue()  # the progress bar
    installed = weights.load_trained(settings.MOOD_TRAINED_MODEL)
    assert installed.classes == ("happy", "sad")
    assert {"accuracy", "data", "trained_at", "seed"} <= set(installed.metadata)
    settings.MOOD_MODEL = "auto"
    assert weights.choose().name.startswith("MoodCNN")  # a trained model wins over the pretrained one


def test_train_and_evaluate_read_the_fer2013_csv(tmp_path):
    write_csv(tmp_path / "fer2013.csv", stripes(60))
    out = StringIO()
    model = tmp_path / "csv-model.pt"
    call_command(
        "train_mood", "--data", str(tmp_path / "fer2013.csv"), "--epochs", "1", "--out", str(model), stdout=out
    )
    assert len(weights.load_trained(model).classes) == len(EMOTIONS)
    out = StringIO()
    call_command("evaluate_mood", "--data", str(tmp_path / "fer2013.csv"), "--model", str(model), stdout=out)
    assert "accuracy" in out.getvalue()
    assert "happy" in out.getvalue()


def test_bad_data_is_a_clear_command_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(Exception, match="holds no face images"):
        call_command("train_mood", "--data", str(tmp_path / "empty"))
