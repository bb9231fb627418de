"""Train MoodCNN on FER2013-format data and install it as the mood engine's network."""

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from liveparty.mood import weights
from liveparty.mood.training import confusion_table, load_faces, train


class Command(BaseCommand):
    help = "Train MoodCNN on a FER2013 CSV (emotion,pixels,Usage) or a folder per class of face images."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, required=True)
        parser.add_argument("--epochs", type=int, default=20)
        parser.add_argument("--batch-size", type=int, default=64)
        parser.add_argument("--learning-rate", type=float, default=1e-3)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--out", type=Path, default=None, help="default: MOOD_TRAINED_MODEL")

    def handle(self, *args: object, **options: object) -> None:
        try:
            faces = load_faces(options["data"])
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        out = options["out"] or Path(settings.MOOD_TRAINED_MODEL)
        self.stdout.write(f"{len(faces.labels)} faces, classes: {', '.join(faces.classes)}")
        training_faces = len(faces.split(options["seed"])[0].labels)
        with tqdm(total=training_faces * options["epochs"], unit="face", file=self.stderr) as bar:
            network, history, confusion = train(
                faces,
                epochs=options["epochs"],
                batch_size=options["batch_size"],
                learning_rate=options["learning_rate"],
                seed=options["seed"],
                progress=bar.update,
            )
        for epoch in history:
            self.stdout.write(f"epoch {epoch.number}: loss {epoch.loss:.4f}, validation accuracy {epoch.accuracy:.3f}")
        self.stdout.write(confusion_table(confusion, faces.classes))
        weights.save_trained(
            network,
            faces.classes,
            out,
            accuracy=history[-1].accuracy if history else 0.0,
            data=str(options["data"]),
            epochs=options["epochs"],
            seed=options["seed"],
            trained_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        self.stdout.write(f"Saved to {out} (MOOD_MODEL=auto uses it from the next start)")
