from io import StringIO
from types import SimpleNamespace

import pytest

from star.framework.demo import build
from star.framework.models import FrameworkVersion

pytestmark = pytest.mark.django_db


def test_demo_step_is_idempotent():
    ctx = SimpleNamespace(seed=1, size="council", stdout=StringIO())
    build(ctx)
    build(ctx)
    assert FrameworkVersion.objects.get().is_current
    assert "framework version 1 (published), 21 indicators" in ctx.stdout.getvalue()
