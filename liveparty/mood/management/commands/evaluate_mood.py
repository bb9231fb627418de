"""Accuracy and confusion matrix of an installed mood network on FER2013-format data."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liveparty.mood import weights
from liveparty.mood.training import confusion_table, evaluate, load_faces


class Command(BaseCommand):
    help = "Evaluate a mood network: the installed one (MOOD_MODEL), the pretrained one, or a saved MoodCNN."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, required=True)
        parser.add_argument("--model", default="installed", help="installed, pretrained, or the path of a MoodCNN")

    def handle(self, *args: object, **options: object) -> None:
        try:
            faces = load_faces(options["data"])
            choice = options["model"]
            if choice == "installed":
                model = weights.choose()
            elif choice == "pretrained":
                model = weights.load_pretrained()
            else:
                model = weights.load_trained(Path(choice))
            accuracy, confusion = evaluate(model.network, faces, model.classes)
        except (OSError, ValueError, weights.ModelUnavailable) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{model.name}: accuracy {accuracy:.3f} on {len(faces.labels)} faces of {options['data']}")
        self.stdout.write(confusion_table(confusion, model.classes))
