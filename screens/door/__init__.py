"""The door console and its dialogs, for volunteers signed in with a PIN."""
