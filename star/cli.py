"""The `star` command: run the demo, serve, migrate, manage the framework, or any Django command."""

import argparse
import os
import sys

DEFAULT_SETTINGS = "config.settings.dev"
PRODUCTION_SETTINGS = "config.settings.production"


def _setup(settings_module: str | None = None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module or DEFAULT_SETTINGS)
    import django

    django.setup()


def run_django(argv: list[str]) -> None:
    """Pass arguments straight to Django's management utility."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["star", *argv])


def _prepare_var_dir() -> None:
    from django.conf import settings

    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)


def cmd_demo(args) -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = DEFAULT_SETTINGS
    _setup()
    from django.core.management import call_command

    from star.core.demo import DEMO_PASSWORD, demo_build

    _prepare_var_dir()
    print("Preparing the database…")
    call_command("migrate", interactive=False, verbosity=0)
    print(f"Building the demo (seed {args.seed}, size {args.size})…")
    ctx = demo_build(seed=args.seed, size=args.size, stdout=sys.stdout, rebuild=args.rebuild)
    if ctx is None:
        print("The demo is already built with this seed and size (use --rebuild to start again).")
    from django.contrib.auth import get_user_model

    from star.core.roles import ROLE_BY_NAME

    print("\nDemo logins (password for all: " + DEMO_PASSWORD + "):")
    # Staff accounts made by the demo cannot sign in (unusable password); list only the published logins.
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    demo_users = (get_user_model().objects.filter(organisation__is_demo=True)
                  .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX))
    for user in demo_users.order_by("organisation__name", "pk"):
        roles = ", ".join(ROLE_BY_NAME[name].label for name in sorted(user.role_names) if name in ROLE_BY_NAME)
        print(f"  {user.username:<28} {roles} ({user.organisation.name})")
    if args.no_serve:
        return 0
    url = f"http://127.0.0.1:{args.port}/"
    print(f"\nSTAR is running at {url}  (press Ctrl+C to stop)")
    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False)
    return 0


def cmd_serve(args) -> int:
    settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    if settings_module == PRODUCTION_SETTINGS:
        from gunicorn.app.wsgiapp import run

        sys.argv = ["gunicorn", "config.wsgi:application", "--bind", f"{args.host}:{args.port}",
                    "--workers", str(args.workers), "--access-logfile", "-"]
        run()
        return 0
    _setup()
    from django.core.management import call_command

    _prepare_var_dir()
    call_command("runserver", f"{args.host}:{args.port}")
    return 0


def _passthrough(command: str):
    def run(args) -> int:
        run_django([command, *args.rest])
        return 0

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="star",
        description="STAR: run a Children & Families anti-racism programme as a measured cycle.",
        epilog="Any other word is passed to Django's management commands, e.g. `star check --deploy`.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="Build the demo council on the embedded database and serve it.")
    demo.add_argument("--no-serve", action="store_true", help="Build the demo database, then exit.")
    demo.add_argument("--port", type=int, default=8000, help="Port to serve on (default 8000).")
    demo.add_argument("--seed", type=int, default=2026, help="Random seed; the same seed gives the same demo.")
    demo.add_argument("--size", choices=["council", "regional"], default="council",
                      help="One council, or a regional alliance of three.")
    demo.add_argument("--rebuild", action="store_true", help="Rebuild the demo even if it exists.")
    demo.set_defaults(run=cmd_demo)

    serve = commands.add_parser("serve", help="Serve the platform (gunicorn with production settings).")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=3)
    serve.set_defaults(run=cmd_serve)

    for name, help_text in (
        ("migrate", "Create or update the database tables."),
        ("createadmin", "Create an administrator for an organisation."),
        ("framework", "Manage STAR framework versions: load, show, diff, publish, retire."),
        ("workforce", "Import HR data (staff, recruitment, processes, development, promotions, csww) and report."),
        ("outcomes", "Import statutory returns (SSDA903, CIN census, Annex A) as counts, and report."),
        ("population", "Import the resident population by ethnicity (shared by every module)."),
        ("practice", "STAR practice: send due-date reminders for commitments (run daily)."),
        ("audits", "Case audits: import an audit programme's case list; send reminders for due actions."),
    ):
        sub = commands.add_parser(name, help=help_text, add_help=False)
        sub.add_argument("rest", nargs=argparse.REMAINDER)
        sub.set_defaults(run=_passthrough(name))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    known = {"demo", "serve", "migrate", "createadmin", "framework", "workforce", "population", "-h", "--help"}
    if argv and argv[0] not in known:
        run_django(argv)
        return 0
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 0
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
