import time

from django.core.management.base import BaseCommand, CommandError

from forum.load_generator import GeneratorError, generate


class Command(BaseCommand):
    help = (
        "Add a generated registry for load tests: scale 1 is about 2,000 cities, 300 summits, "
        "3,000 panels, 10,000 people and 30,000 participations, in both languages. "
        "The same scale and seed give the same data; a second run is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        started = time.monotonic()
        try:
            report = generate(scale=scale, seed=seed)
        except GeneratorError as error:
            raise CommandError(str(error)) from error
        for name, count in report.counts.items():
            self.stdout.write(f"{count} {name}")
        self.stdout.write(f"Scale {scale} generated in {time.monotonic() - started:.1f} s.")
