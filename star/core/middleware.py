from .request_id import new_request_id, reset_request_id, set_request_id


class RequestIdMiddleware:
    """Gives every request an id, exposed as the X-Request-ID response header."""

    header = "HTTP_X_REQUEST_ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = new_request_id(request.META.get(self.header))
        token = set_request_id(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request.request_id
        return response
