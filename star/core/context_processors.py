from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import navigation_for
from .roles import primary_role, roles_of
from .selectors import unread_notification_count


def star(request):
    user = getattr(request, "user", None)
    return {
        "star": settings.STAR,
        "primary_role": primary_role(user),
        "user_roles": roles_of(user),
        "navigation": navigation_for(request),
        "unread_notifications": SimpleLazyObject(lambda: unread_notification_count(user)),
    }
