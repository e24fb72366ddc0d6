from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from . import selectors, services
from .forms import VersionDiffForm

view_framework = permission_required("framework.view_framework")


def _manage(view):
    """Signed-in managers only: others are sent to sign in, or refused with 403."""
    return login_required(permission_required("framework.manage_framework", raise_exception=True)(view))


@view_framework
def overview(request):
    version = selectors.current_version()
    return render(request, "framework/overview.html", {
        "version": version, "grid": selectors.overview_grid(version) if version else None,
    })


@view_framework
def version_page(request, number):
    version = selectors.version_detail(number)
    return render(request, "framework/overview.html", {
        "version": version, "grid": selectors.overview_grid(version),
        "current": selectors.current_version(),
    })


@view_framework
def version_list(request):
    return render(request, "framework/versions.html", {
        "versions": selectors.version_list(),
        "can_manage": request.user.has_perm("framework.manage_framework"),
    })


@view_framework
def indicator_page(request, number, key):
    version = selectors.version_detail(number)
    return render(request, "framework/indicator.html", {
        "version": version, "indicator": selectors.indicator_detail(version, key),
    })


@view_framework
def diff_page(request):
    versions = list(selectors.version_list().order_by("number"))
    form = VersionDiffForm(request.GET or None, versions=versions)
    result = before = after = None
    if form.is_valid():
        before = selectors.version_detail(form.cleaned_data["from"])
        after = selectors.version_detail(form.cleaned_data["to"])
        result = selectors.version_diff_display(before, after)
    return render(request, "framework/diff.html", {
        "form": form, "result": result, "before": before, "after": after, "versions": versions,
    })


@_manage
@require_POST
def publish(request, number):
    version = selectors.version_detail(number)
    try:
        services.framework_version_publish(version=version, user=request.user)
    except services.FrameworkLifecycleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Version {version.number} is published and is now the current version.")
    return redirect("framework:versions")


@_manage
@require_POST
def retire(request, number):
    version = selectors.version_detail(number)
    try:
        services.framework_version_retire(version=version, user=request.user)
    except services.FrameworkLifecycleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Version {version.number} is retired.")
    return redirect("framework:versions")
