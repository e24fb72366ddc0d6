"""`star framework ...`: load, show, compare, publish and retire framework versions."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404

from star.framework import selectors, services
from star.framework.schema import FrameworkFileInvalid


class Command(BaseCommand):
    help = "Manage versions of the STAR framework."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{load,show,diff,publish,retire}")
        load = sub.add_parser("load", help="Validate a version file and load it as a draft.")
        load.add_argument("file")
        load.add_argument("--publish", action="store_true", help="Publish it straight away.")
        show = sub.add_parser("show", help="Print a version (the current one unless --version is given).")
        show.add_argument("--format", choices=["text", "json"], default="text")
        show.add_argument("--version", type=int, dest="number", help="Version number.")
        diff = sub.add_parser("diff", help="Show indicators added, changed and removed between two versions.")
        diff.add_argument("a", type=int, help="The earlier version number.")
        diff.add_argument("b", type=int, help="The later version number.")
        diff.add_argument("--format", choices=["text", "json"], default="text")
        publish = sub.add_parser("publish", help="Make a draft the current version.")
        publish.add_argument("number", type=int)
        retire = sub.add_parser("retire", help="Retire a version that is not current.")
        retire.add_argument("number", type=int)

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"handle_{action}")(**options)
        except FrameworkFileInvalid as error:
            problems = "\n".join(f"  {problem}" for problem in error.errors)
            raise CommandError(f"The file was refused and nothing was loaded:\n{problems}") from error
        except services.FrameworkLifecycleError as error:
            raise CommandError(str(error)) from error

    def _version(self, number):
        try:
            return selectors.version_detail(number)
        except Http404:
            raise CommandError(f"There is no framework version {number}.") from None

    def handle_load(self, *, file, publish, **options):
        version = services.framework_version_load(path=file)
        self.stdout.write(f"Loaded version {version.number} ({version.indicators.count()} indicators) as a draft.")
        if publish:
            self.handle_publish(number=version.number)

    def handle_publish(self, *, number, **options):
        version = services.framework_version_publish(version=self._version(number))
        self.stdout.write(f"Version {version.number} is published and is now the current version.")

    def handle_retire(self, *, number, **options):
        version = services.framework_version_retire(version=self._version(number))
        self.stdout.write(f"Version {version.number} is retired.")

    def handle_show(self, *, format, number, **options):
        if number is None:
            version = selectors.current_version()
            if version is None:
                raise CommandError("No framework version has been published yet. Load one with "
                                   "`star framework load FILE --publish`.")
        else:
            version = self._version(number)
        data = selectors.version_export(version)
        if format == "json":
            self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"Version {data['number']}: {data['title']} ({version.get_status_display().lower()})")
        for lens in data["lenses"]:
            self.stdout.write(f"  {lens['name']}: {lens['definition']}")
        levels = {level["key"]: level["name"] for level in data["levels"]}
        for stage in data["stages"]:
            self.stdout.write(f"\n{stage['question']} ({stage['name']})")
            for item in data["indicators"]:
                if item["stage"] == stage["key"]:
                    where = levels[item["level"]] if item["level"] else "Every level"
                    self.stdout.write(f"  [{item['key']}] {where}: {item['text']}")

    def handle_diff(self, *, a, b, format, **options):
        result = selectors.version_diff(self._version(a), self._version(b))
        if format == "json":
            self.stdout.write(json.dumps({"from": a, "to": b, **result.as_dict()}, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"From version {a} to version {b}:")
        if result.is_empty:
            self.stdout.write("  No indicators were added, changed or removed.")
        for item in result.added:
            self.stdout.write(f"  + added   [{item.key}] {item.text}")
        for change in result.changed:
            self.stdout.write(f"  ~ changed [{change.key}] ({', '.join(change.field_labels).lower()})")
            for name in change.fields:
                self.stdout.write(f"      before {name}: {getattr(change.before, name)}")
                self.stdout.write(f"      after  {name}: {getattr(change.after, name)}")
        for item in result.removed:
            self.stdout.write(f"  - removed [{item.key}] {item.text}")
        self.stdout.write(f"  {result.unchanged} unchanged.")
