from django.http import HttpResponse


def respond(request, token):
    return HttpResponse("")
