"""Views: sets."""

urlpatterns = []
