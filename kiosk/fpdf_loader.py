"""fpdf2, loaded without the libraries only some PDFs need.

fpdf2's modules import numpy, Pillow and cryptography when they load (each inside
`try: ... except ImportError`), and unittest.mock for signing, for features the
referrer export never uses: images, encryption, signatures. Those imports were
half the cost of `kiosk export attendance --format pdf` as a process
(bench/export_process.py). Here fpdf2 loads with numpy, Pillow and cryptography
refused, so each of its modules takes its "not installed" branch, and with a
stand-in for unittest.mock; then every name fpdf2 would have bound from them is
bound to a `Deferred`. At the first use of one (a card's QR image, a chart),
the library is imported and all of fpdf2's names for it are bound to the real
objects, exactly as fpdf2's own import would have bound them.

The cycle collector is paused while fpdf2 loads, and what it loaded is then frozen out
of the collector's reach (`_collector_paused`): 90-180 ms of the export process in a
paired comparison (medians and best of 9 runs each, load 1.3-1.5 on 2 cores).

One difference stays until then: fpdf2's `Image` class in fpdf.fpdf (used only by
set_page_background, which no PDF here calls) is its own "Pillow missing" class.

Every PDF the product makes gets fpdf2 from here: tests/services/test_fpdf_loader.py
checks that no other module imports it at run time and that each name is bound as
fpdf2 binds it.
"""

from __future__ import annotations

import gc
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpdf import FPDF

# For each library: the names fpdf2 binds from it, as (fpdf2's module, the name, what it
# is: "module" or "module:attribute.attribute").
_PARSING = "fpdf.image_parsing"
BINDINGS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "numpy": ((_PARSING, "numpy", "numpy"),),
    "PIL": (
        (_PARSING, "Image", "PIL.Image"),
        (_PARSING, "ImageCms", "PIL.ImageCms"),
        (_PARSING, "TiffImagePlugin", "PIL.TiffImagePlugin"),
        (_PARSING, "PIL_features", "PIL.features"),
        (_PARSING, "Resampling", "PIL.Image:Resampling"),
        (_PARSING, "RESAMPLE", "PIL.Image:Resampling.LANCZOS"),
        ("fpdf.font_type_3", "Image", "PIL.Image"),
        ("fpdf.fpdf", "Image", "PIL.Image:Image"),
    ),
    "cryptography": (
        ("fpdf.encryption", "Cipher", "cryptography.hazmat.primitives.ciphers:Cipher"),
        ("fpdf.encryption", "modes", "cryptography.hazmat.primitives.ciphers.modes"),
        *(
            ("fpdf.encryption", aes, f"cryptography.hazmat.primitives.ciphers.algorithms:{aes}")
            for aes in ("AES128", "AES256")
        ),
        ("fpdf.encryption", "PKCS7", "cryptography.hazmat.primitives.padding:PKCS7"),
    ),
    "unittest.mock": (("fpdf.sign", "patch", "unittest.mock:patch"),),
}
# Refused while fpdf2 loads (it has a fallback for each); the rest stand in as modules
# holding only the names above.
REFUSED = ("numpy", "PIL", "cryptography")
# Names fpdf2 sets when an import is refused that the real import leaves as None: the
# error it keeps to report when encryption is asked for.
CLEARED = {"cryptography": (("fpdf.encryption", "import_error"),)}
# Left as fpdf2's own fallback until the library is first used (see above).
UNTIL_USED = {("fpdf.fpdf", "Image")}


def real(target: str) -> Any:
    """What a target names, importing its module."""
    module, _, path = target.partition(":")
    found: Any = importlib.import_module(module)
    for attribute in path.split(".") if path else ():
        found = getattr(found, attribute)
    return found


class Deferred:
    """A name of a library not loaded yet. fpdf2 only calls these, reads their attributes
    or tests them against None; the first call or read loads the library and binds all
    of fpdf2's names for it to the real objects."""

    def __init__(self, library: str, target: str) -> None:
        self.library = library
        self.target = target

    def resolve(self) -> Any:
        use(self.library)
        return real(self.target)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.resolve(), name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.resolve()(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<deferred {self.target}>"


def use(library: str) -> None:
    """Loads the library and binds all of fpdf2's names for it as fpdf2's import would."""
    _bind(library, real)


def _bind(library: str, make: Callable[[str], Any]) -> None:
    """Binds each of fpdf2's names for the library to make(target): `real`, or a Deferred."""
    for module, name, target in BINDINGS[library]:
        if make is real or (module, name) not in UNTIL_USED:
            setattr(sys.modules[module], name, make(target))
    for module, name in CLEARED.get(library, ()):
        setattr(sys.modules[module], name, None)


class _Refuse(importlib.abc.MetaPathFinder):
    """Refuses the named libraries to the one thread loading fpdf2, so another thread
    importing numpy at the same moment is not refused too."""

    def __init__(self, roots: Sequence[str]) -> None:
        self.roots = set(roots)
        self.thread = threading.get_ident()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.split(".")[0] in self.roots and threading.get_ident() == self.thread:
            raise ModuleNotFoundError(f"deferred: {fullname}", name=fullname)
        return None


@contextmanager
def _deferring(refused: Sequence[str], stood_in: Sequence[str]) -> Iterator[None]:
    """Refusals for this thread only; the stand-ins are in sys.modules for every thread
    while fpdf2 loads (nothing here imports unittest.mock but fpdf2)."""
    finder = _Refuse(refused)
    stand_ins = {name: _stand_in(name) for name in stood_in}
    sys.meta_path.insert(0, finder)
    sys.modules.update(stand_ins)
    try:
        with warnings.catch_warnings():
            # fpdf2 warns when Pillow is missing; here it is only deferred.
            warnings.simplefilter("ignore")
            yield
    finally:
        sys.meta_path.remove(finder)
        # Gone once fpdf2 has loaded: a later `import unittest.mock` loads the real one.
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _stand_in(name: str) -> ModuleType:
    module = ModuleType(name, f"Stands in for {name} while fpdf2 loads.")
    for _, attribute, target in BINDINGS[name]:
        setattr(module, attribute, Deferred(name, target))
    return module


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading fpdf2 and fontTools makes a few hundred thousand objects that live as long
    as the process. The cycle collector would walk them over and over while they load,
    and again at exit, freeing none: it is paused while they load, and then they are
    frozen out of its reach (gc.freeze, as kiosk/app.py does once the kiosk is up).
    Everything is collected first, the oldest generation too, so that no garbage is
    frozen with them: in the staff app, which runs all day, that could be a closed case
    file with a family's details, kept for the rest of the day (about 12 ms more)."""
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if was_enabled:
            gc.enable()


_lock = threading.Lock()


def load() -> ModuleType:
    """The fpdf package, loaded once per process with the libraries above deferred."""
    with _lock:
        if "fpdf" in sys.modules:
            return sys.modules["fpdf"]
        # Only what is installed and not loaded yet is deferred: a library in memory
        # costs nothing to bind, and one not installed stays missing as fpdf2 expects.
        deferred = [
            name
            for name in BINDINGS
            if name not in sys.modules and importlib.util.find_spec(name.split(".")[0])
        ]
        with (
            _collector_paused(),
            _deferring(
                [n for n in deferred if n in REFUSED], [n for n in deferred if n not in REFUSED]
            ),
        ):
            import fpdf
            import fpdf.encryption
            import fpdf.font_type_3
            import fpdf.image_parsing
            import fpdf.sign
        for library in deferred:
            _bind(library, partial(Deferred, library))
        return fpdf


def fpdf_class() -> type[FPDF]:
    """fpdf2's document class, for a module that makes a PDF of its own (the cards)."""
    cls: type[FPDF] = load().FPDF
    return cls
