"""Demo step: the STAR framework version 1, loaded and published once."""

from star.core.demo import demo_step

from .services import framework_ensure_default


@demo_step(order=10, name="STAR framework")
def build(ctx):
    version = framework_ensure_default()
    ctx.stdout.write(
        f"    framework version {version.number} ({version.get_status_display().lower()}), "
        f"{version.indicators.count()} indicators\n"
    )
