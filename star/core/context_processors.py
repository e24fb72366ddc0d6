from django.conf import settings

from .navigation import navigation_for
from .roles import primary_role, roles_of


def star(request):
    user = getattr(request, "user", None)
    return {
        "star": settings.STAR,
        "primary_role": primary_role(user),
        "user_roles": roles_of(user),
        "navigation": navigation_for(request),
    }
