"""One module per screen or modal, each with its .tcss beside it."""
