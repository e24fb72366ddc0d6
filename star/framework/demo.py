"""Demo step: the STAR framework version 1, loaded and published once."""

from django.contrib.auth import get_user_model

from star.core.demo import demo_step

from .services import framework_ensure_default


@demo_step(order=10, name="STAR framework")
def build(ctx):
    # The demo's practice lead stewards the framework, so the audit trail shows who published it.
    steward = get_user_model().objects.filter(username="practicelead", organisation__is_demo=True).first()
    version = framework_ensure_default(user=steward)
    ctx.stdout.write(
        f"    framework version {version.number} ({version.get_status_display().lower()}), "
        f"{version.indicators.count()} indicators\n"
    )
