"""One module per screen or modal, each with its .tcss beside it.

Textual applies a screen's CSS_PATH sheet to the whole app, not to that screen,
so every rule in a sheet starts with its screen's type (`DoorConsole #detail`):
an id or class that another screen also uses is then left alone.
"""
