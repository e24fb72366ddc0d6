"""Views for learning, one module per area: catalogue, sets, communities."""
