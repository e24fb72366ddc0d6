"""Views: communities."""

urlpatterns = []
