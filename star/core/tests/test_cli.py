import subprocess
import sys

from star.cli import build_parser


def test_help_lists_every_command_with_a_line_of_help():
    text = build_parser().format_help()
    for command in ("demo", "serve", "migrate", "createadmin", "framework", "workforce", "population"):
        assert command in text
    assert "passed to Django" in text


def test_demo_options():
    args = build_parser().parse_args(["demo", "--no-serve", "--port", "8123", "--size", "regional", "--seed", "7"])
    assert (args.no_serve, args.port, args.size, args.seed) == (True, 8123, "regional", 7)


def test_unknown_words_pass_through_to_django():
    result = subprocess.run([sys.executable, "-m", "star.cli", "help", "--commands"], capture_output=True,
                            text=True, timeout=120, env={"DJANGO_SETTINGS_MODULE": "config.settings.test",
                                                         "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert "createadmin" in result.stdout and "framework" in result.stdout
