"""The mood engine's networks, in PyTorch.

`MoodCNN` is the original design's: four convolutional blocks (16, 32, 64, 128
filters; 3x3 convolution, ReLU, 2x2 max pooling, dropout) on a 48x48 grayscale face,
then two fully connected layers (128 hidden units, then one output per class).
`PretrainedFER` re-declares, parameter for parameter, the network that the PyPI package
facial-emotion-recognition ships trained on FER2013 (its `NetworkV2(in_c=1, nl=32,
out_f=7)`), so its weights load without importing that package.
"""

from itertools import pairwise

import numpy as np
import torch
from torch import nn

# FER2013's classes, in its label order (0..6).
EMOTIONS = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
FACE_SIZE = 48


def as_batch(faces: np.ndarray) -> torch.Tensor:
    """Grayscale 48x48 faces (N x 48 x 48, 0-255) as every network here reads them:
    N x 1 x 48 x 48 from -1 to 1 (FER2013's normalisation). Training and reading share
    it: were they to drift apart, accuracy would drop with no error to say so."""
    return ((torch.from_numpy(faces.astype(np.float32) / 255.0) - 0.5) / 0.5).unsqueeze(1)


class MoodCNN(nn.Module):
    FILTERS = (16, 32, 64, 128)
    HIDDEN = 128

    def __init__(self, classes: int = len(EMOTIONS), dropout: float = 0.25) -> None:
        super().__init__()
        blocks: list[nn.Module] = []
        for inputs, outputs in pairwise((1, *self.FILTERS)):
            blocks += [
                nn.Conv2d(inputs, outputs, kernel_size=3, padding=1),
                nn.ReLU(inplace=True),
                nn.MaxPool2d(2),
                nn.Dropout(dropout),
            ]
        self.features = nn.Sequential(*blocks)
        side = FACE_SIZE // 2 ** len(self.FILTERS)  # 48 -> 3
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(self.FILTERS[-1] * side * side, self.HIDDEN),
            nn.ReLU(inplace=True),
            nn.Dropout(2 * dropout),
            nn.Linear(self.HIDDEN, classes),
        )

    def forward(self, faces: torch.Tensor) -> torch.Tensor:
        """Logits, one row per face (N x 1 x 48 x 48, normalised to about -1..1)."""
        return self.classifier(self.features(faces))

    @staticmethod
    def probabilities(outputs: torch.Tensor) -> torch.Tensor:
        return torch.softmax(outputs, dim=1)


def _block(inputs: int, outputs: int, stride: int) -> nn.Sequential:
    return nn.Sequential(
        nn.ReflectionPad2d(padding=1),
        nn.Conv2d(inputs, outputs, kernel_size=3, stride=stride, padding=0),
        nn.BatchNorm2d(outputs),
        nn.ReLU(inplace=True),
    )


class PretrainedFER(nn.Module):
    """facial-emotion-recognition 0.3.4's network: the same family (four convolutions,
    two fully connected layers), with batch norm, strided convolutions and a sigmoid."""

    WIDTH = 32

    def __init__(self, classes: int = len(EMOTIONS)) -> None:
        super().__init__()
        width = self.WIDTH
        self.conv_1 = _block(1, width, 1)
        self.conv_2 = _block(width, 2 * width, 2)
        self.conv_3 = _block(2 * width, 4 * width, 2)
        self.conv_4 = _block(4 * width, 8 * width, 2)
        self.linear = nn.Sequential(
            nn.Linear(8 * width * 6 * 6, 256), nn.ReLU(inplace=True), nn.Linear(256, classes), nn.Sigmoid()
        )

    def forward(self, faces: torch.Tensor) -> torch.Tensor:
        features = self.conv_4(self.conv_3(self.conv_2(self.conv_1(faces))))
        return self.linear(features.reshape(features.shape[0], -1))

    @staticmethod
    def probabilities(outputs: torch.Tensor) -> torch.Tensor:
        """Its outputs are independent sigmoids: normalised to share 1."""
        return outputs / outputs.sum(dim=1, keepdim=True).clamp_min(1e-6)
