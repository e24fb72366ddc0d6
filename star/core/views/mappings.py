"""Saved column mappings: a council's own headings for each kind of import file."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from ..decorators import permission_required
from ..imports.forms import ColumnMappingForm
from ..imports.selectors import column_mappings_for
from ..imports.services import column_mapping_save
from ..imports.spec import specs_for


@permission_required("core.manage_imports")
def mapping_list(request):
    specs = {spec.kind: spec for spec in specs_for(request.user)}
    mappings = [(mapping, specs[mapping.kind]) for mapping in column_mappings_for(request.user)
                if mapping.kind in specs]
    return render(request, "core/imports/mappings.html", {"mappings": mappings, "specs": specs.values()})


@permission_required("core.manage_imports")
def mapping_edit(request, kind):
    spec = {spec.kind: spec for spec in specs_for(request.user)}.get(kind)
    if spec is None:
        raise Http404
    existing = column_mappings_for(request.user, kind).filter(name=request.GET.get("name", "")).first()
    initial = {"name": existing.name, **{f"column__{k}": v for k, v in existing.columns.items()}} if existing else {}
    form = ColumnMappingForm(request.POST or None, spec=spec, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            column_mapping_save(organisation=request.user.organisation, kind=kind, name=form.cleaned_data["name"],
                                columns=form.columns())
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Mapping ‘{form.cleaned_data['name']}’ saved. Choose it when you upload "
                                      f"a {spec.label.lower()} file.")
            return redirect("core:import_mappings")
    return render(request, "core/imports/mapping_edit.html", {"form": form, "spec": spec, "existing": existing})
