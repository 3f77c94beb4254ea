"""Radio buttons and checkboxes whose choice shows by a mark, not by colour only.

Textual draws the same dot (or cross) on and off, in another colour: on a
washed-out screen, or to a volunteer who does not tell those colours apart,
every choice looks chosen. These draw the mark only when chosen. (Two classes,
not one mixin: a shared ToggleButton base would bring its own default styles
back over RadioButton's.)
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton

BLANK = " "


class MarkedRadioButton(RadioButton):
    MARK = "●"

    @property
    def _button(self) -> Content:
        # Read by the button's render on each paint, after its value has changed.
        self.BUTTON_INNER = self.MARK if self.value else BLANK
        return super()._button


class MarkedCheckbox(Checkbox):
    MARK = "X"

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = self.MARK if self.value else BLANK
        return super()._button
