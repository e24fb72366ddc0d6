"""Writes for surveys and feedback: ``surveys`` (builder, versions, links), ``responses`` (the public
form), ``coding`` (themes on comments and 'you said, we did')."""
