"""Import pages: list, upload, status with errors, error report, ethnicity review, delete. Thin views."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..decorators import permission_required
from ..imports import already_imported_message, import_file, navigation  # noqa: F401  (registers the nav entry)
from ..imports import selectors as import_selectors
from ..imports import services as import_services
from ..imports.forms import EthnicityReviewForm, ImportForm
from ..imports.spec import specs_for

PERMISSION = "core.manage_imports"
REFRESH_SECONDS = 3


def _allowed_kinds(user) -> list[str]:
    return [spec.kind for spec in specs_for(user)]


def _import(request, pk):
    """An import of the user's organisation, of a kind their role may import; else 404."""
    data_import = import_selectors.import_for(request.user, pk)
    if data_import.kind not in _allowed_kinds(request.user):
        raise Http404
    return data_import


@permission_required(PERMISSION)
def import_list(request):
    imports = import_selectors.imports_for(request.user, kinds=_allowed_kinds(request.user))[:200]
    return render(request, "core/imports/list.html", {
        "imports": [(item, import_selectors.kind_label(item.kind)) for item in imports],
        "specs": specs_for(request.user),
    })


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def import_new(request):
    if request.user.organisation_id is None:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user,
                      initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        data_import = import_file(organisation=request.user.organisation, kind=data["kind"], fileobj=upload,
                                  filename=upload.name, user=request.user, background=None,
                                  params={"as_at": data.get("as_at"), "mapping": data.get("mapping", "")})
        if data_import.noop:
            messages.info(request, already_imported_message(data_import))
        return redirect("core:import_detail", pk=data_import.pk)
    return render(request, "core/imports/new.html", {"form": form, "specs": form.specs.values()})


@permission_required(PERMISSION)
def import_detail(request, pk):
    data_import = _import(request, pk)
    auto_refresh = data_import.in_progress and request.GET.get("auto") != "off"
    response = render(request, "core/imports/detail.html", {
        "item": data_import,
        "kind_label": import_selectors.kind_label(data_import.kind),
        "first_errors": data_import.errors[:import_selectors.FIRST_ERRORS],
        "summary": data_import.summary,
        "auto_refresh": auto_refresh,
    })
    if auto_refresh:
        # The HTTP equivalent of <meta http-equiv="refresh">: works without JavaScript; people can turn it off.
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@permission_required(PERMISSION)
def import_errors_csv(request, pk):
    data_import = _import(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{data_import.pk}-problems.csv"'
    response.write("\ufeff")  # so Excel opens it as UTF-8
    csv.writer(response).writerows(import_selectors.error_report_rows(data_import))
    return response


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def import_ethnicity(request, pk):
    data_import = _import(request, pk)
    labels = data_import.summary.get("unmapped", [])
    if not labels or not data_import.stored_file:
        messages.info(request, "This import has no ethnicity labels to check.")
        return redirect("core:import_detail", pk=data_import.pk)
    form = EthnicityReviewForm(request.POST or None, labels=labels)
    if request.method == "POST" and form.is_valid():
        saved = import_services.ethnicity_label_mappings_save(
            organisation=request.user.organisation, user=request.user, mappings=form.mappings())
        import_services.data_import_rerun(data_import=data_import)
        messages.success(request, f"{len(saved)} ethnicity label{'s' if len(saved) != 1 else ''} mapped. "
                                  "The file has been checked again.")
        return redirect("core:import_detail", pk=data_import.pk)
    return render(request, "core/imports/ethnicity.html", {"item": data_import, "form": form})


@permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def import_delete(request, pk):
    data_import = _import(request, pk)
    if request.method == "POST":
        name = data_import.filename
        import_services.data_import_delete(data_import=data_import)
        messages.success(request, f"The import of ‘{name}’ and every record it brought in have been deleted.")
        return redirect("core:imports")
    return render(request, "core/imports/delete.html", {
        "item": data_import, "kind_label": import_selectors.kind_label(data_import.kind)})
