"""The card codes in a picture, and the rule that a card held in view counts once.

zxing-cpp reads QR codes in any direction, dark on light or light on dark (a phone
showing a photo of the card in dark mode), and from the full frame and smaller
copies of it. Only what looks like one of our cards' codes is kept: a poster or a
phone's own QR code in view must not keep sending parents to a volunteer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.services.cards.tokens import is_well_formed

if TYPE_CHECKING:
    from kiosk.camera.frames import Frame

# A code not seen for this long has left the view; shown again after that, it is a
# new scan (and the scan path's duplicate window then decides). Long enough that a
# frame or two the decoder misses while a card is held up does not make a second scan.
GONE_AFTER_SECONDS = 2.0


def codes_in(frame: Frame) -> list[str]:
    """The card codes zxing-cpp finds in a grey-scale frame (usually none or one)."""
    import zxingcpp

    qr_only = zxingcpp.barcode_formats_from_str("QRCode")
    found = zxingcpp.read_barcodes(frame, formats=qr_only, try_invert=True)
    return [code.text for code in found if code.valid and is_well_formed(code.text)]


class HeldCodes:
    """Which codes are in view: a code counts when it comes into view, not while it stays."""

    def __init__(self, gone_after: float = GONE_AFTER_SECONDS) -> None:
        self.gone_after = gone_after
        self._last_seen: dict[str, float] = {}

    def seen(self, codes: list[str], at: float) -> list[str]:
        """The codes of this frame (taken at `at`, seconds) that have just come into view."""
        fresh = [
            c for c in dict.fromkeys(codes) if at - self._last_seen.get(c, -1e18) > self.gone_after
        ]
        for code in codes:
            self._last_seen[code] = at
        self._forget(at)
        return fresh

    def resumed(self, gap: float) -> None:
        """The camera gave no pictures for `gap` seconds (lost, then back): that time is not
        time out of view, so a card in view when it went and still there counts once."""
        self._last_seen = {code: when + gap for code, when in self._last_seen.items()}

    def _forget(self, at: float) -> None:
        gone = [c for c, when in self._last_seen.items() if at - when > self.gone_after]
        for code in gone:
            del self._last_seen[code]
