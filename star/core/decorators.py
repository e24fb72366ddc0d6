"""View decorators: sign in first, then the permission (a 403 page only for signed-in people)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def permission_required(permission: str, fn=None):
    """Require a `rules` permission; ``fn(request, *args, **kwargs)`` may give the object to check."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = fn(request, *args, **kwargs) if fn else None
            if not request.user.has_perm(permission, obj):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
