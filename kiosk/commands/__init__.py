"""One module per `kiosk` subcommand; each offers register(subparsers)."""
