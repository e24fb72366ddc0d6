from django.shortcuts import render

from star.core.decorators import permission_required


@permission_required("voice.use_voice")
def home(request):
    return render(request, "voice/home.html", {})
