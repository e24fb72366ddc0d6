"""Views: the learning home, catalogue, sessions, records, suggestions, dashboard."""

from django.shortcuts import render

from star.core.decorators import permission_required


@permission_required("learning.use_learning")
def home(request):
    return render(request, "learning/home.html", {})


urlpatterns = []
