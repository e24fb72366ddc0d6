from django.shortcuts import render

from star.core.decorators import permission_required


@permission_required("evaluation.use_evaluation")
def home(request):
    return render(request, "evaluation/home.html", {})
