"""Outcomes for children: ethnic disproportionality along the children's social care pathway."""
