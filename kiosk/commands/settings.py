"""`kiosk settings show|set KEY VALUE`: the centre's settings, every change audited."""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import add_act, add_acts, add_command, opened
from kiosk.services.centre import centre_settings
from kiosk.services.release import policy
from kiosk.services.store.forms import FormError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(sub, "settings", "show or change the centre's settings", run_show)
    acts = add_acts(p, run_show)
    add_act(acts, "show", "every setting, its value and what it is", run_show)
    put = add_act(acts, "set", "change one setting (kiosk settings show lists them)", run_set)
    put.add_argument("key", metavar="KEY", choices=list(centre_settings.BY_KEY))
    put.add_argument("value", metavar="VALUE")


def run_show(args: argparse.Namespace) -> int:
    with opened(args):
        shown = centre_settings.show()
        view = policy.current()
    for s in shown:
        print(f"{s.key}\t{s.value}\t{s.label}")
    reviewed = (
        f"reviewed by {view.reviewed_by} on {view.reviewed_on}"
        if view.reviewed_on
        else ("the product's default, not reviewed by the centre")
    )
    print(f"policy\t{reviewed}\tConfidentiality policy (kiosk policy set FILE.md)")
    return 0


def run_set(args: argparse.Namespace) -> int:
    with opened(args):
        try:
            changed = centre_settings.change({args.key: args.value}, SystemClock().now())
        except FormError as exc:
            raise FormError(exc.problems[:1]) from None  # one line: the one value given
    print(
        f"{args.key} is now {args.value.strip()!r}." if changed else f"{args.key} was already that."
    )
    return 0
