"""fpdf2 loaded with numpy, Pillow, cryptography and unittest.mock deferred (kiosk/fpdf_loader.py).

Each test starts a new Python process, since the libraries are deferred only in a process
that has not loaded them: the test run itself has.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from kiosk import fpdf_loader
from tests.support.cli import ROOT

DEFERRED = ("numpy", "PIL", "cryptography", "unittest.mock", "asyncio")
DEFERRED_ROOTS = {"numpy", "PIL", "cryptography", "unittest", "asyncio"}

# Describes every name each fpdf module binds, by what it is rather than by identity, so
# that two processes can be compared. A deferred name is described as what it stands for.
DESCRIBE = """
import json, sys, types
from kiosk import fpdf_loader

def describe(value):
    if isinstance(value, fpdf_loader.Deferred):
        value = fpdf_loader.real(value.target)
    if value is None:
        return "None"
    if isinstance(value, types.ModuleType):
        return "module " + value.__name__
    if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType)):
        return f"{type(value).__name__} {value.__module__}.{value.__qualname__}"
    return f"a {type(value).__module__}.{type(value).__qualname__}"

def bindings():
    # Every module, not only fpdf2's: a library that fpdf2 loads might have asked for a
    # refused one too, and kept its fallback.
    return {
        name: {k: describe(v) for k, v in vars(module).items() if not k.startswith("__")}
        for name, module in list(sys.modules.items())
        if name.split(".")[0] not in ("kiosk", "__main__")
    }
"""


def run(body: str) -> Any:
    """What the script prints last, as JSON, from a new Python process on this checkout."""
    script = textwrap.dedent(DESCRIBE) + textwrap.dedent(body)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


PLAIN = """
import fpdf, fpdf.encryption, fpdf.font_type_3, fpdf.image_parsing, fpdf.sign
print(json.dumps(bindings()))
"""


def _differences(plain: dict[str, dict[str, str]], ours: dict[str, dict[str, str]]) -> set[str]:
    """Names bound differently in the modules both processes loaded, but the deferred
    libraries' own (loaded as usual in both) and a package's submodule that only one
    process happened to load."""
    both = {m for m in plain.keys() & ours.keys() if m.split(".")[0] not in DEFERRED_ROOTS}
    assert {"fpdf.fpdf", "fontTools.subset"} <= both
    return {
        f"{module}.{name}: {was} / {now}"
        for module in both
        for name in plain[module].keys() | ours[module].keys()
        if (was := plain[module].get(name)) != (now := ours[module].get(name))
        and not (None in (was, now) and f"module {module}.{name}" in (was, now))
    }


def test_every_name_fpdf2_binds_stands_for_what_its_own_import_binds() -> None:
    plain = run(PLAIN)
    ours = run("fpdf_loader.load()\nprint(json.dumps(bindings()))")
    # Only the class fpdf2 keeps for set_page_background differs until Pillow is used.
    assert _differences(plain, ours) == {
        "fpdf.fpdf.Image: type PIL.Image.Image / type fpdf.fpdf.Image"
    }
    # Deferred names are really deferred: the comparison above would pass as well if
    # fpdf2 had loaded every library, so check what the names are bound to.
    assert plain["fpdf.image_parsing"]["numpy"] == "module numpy"


def test_after_first_use_every_name_is_bound_as_fpdf2_binds_it() -> None:
    plain = run(PLAIN)
    ours = run(
        """
        fpdf_loader.load()
        for library in fpdf_loader.BINDINGS:
            fpdf_loader.use(library)
        deferred = [
            f"{m}.{k}" for m, module in sys.modules.items() if m.startswith("fpdf")
            for k, v in vars(module).items() if isinstance(v, fpdf_loader.Deferred)
        ]
        assert deferred == [], deferred
        print(json.dumps(bindings()))
        """
    )
    assert _differences(plain, ours) == set()


def test_an_attendance_pdf_loads_none_of_the_deferred_libraries() -> None:
    loaded = run(
        """
        from kiosk.services.release import pdf
        doc = pdf.new_document("Attendance TEST", "Attendance record TEST")
        pdf.heading(doc, "Centre")
        pdf.grid(doc, ["Date", "Arrived"], [["2026-12-04", "10:02"], ["04/12/2026", "Gar★eth"]])
        data = pdf.to_bytes(doc)
        assert data.startswith(b"%PDF"), data[:10]
        print(json.dumps(sorted(sys.modules)))
        """
    )
    assert "fpdf" in loaded
    assert [m for m in loaded if m.split(".")[0] in DEFERRED or m in DEFERRED] == []


def test_images_and_encryption_work_after_a_deferred_load() -> None:
    made = run(
        """
        import io
        from kiosk.services.release import pdf
        doc = pdf.new_document("Chart", "Chart")
        assert "PIL" not in sys.modules
        from PIL import Image
        png = io.BytesIO()
        Image.new("RGBA", (40, 20), (200, 0, 0, 128)).save(png, format="PNG")
        doc.image(io.BytesIO(png.getvalue()), x=15, w=40)
        from fpdf.enums import EncryptionMethod
        doc.set_encryption(owner_password="owner", encryption_method=EncryptionMethod.AES_256)
        data = pdf.to_bytes(doc)
        # AES-256 needs cryptography: /OE is the owner key it wraps with AES.
        print(json.dumps({"image": b"/Subtype /Image" in data, "aes": b"/OE <" in data}))
        """
    )
    assert made == {"image": True, "aes": True}


def _runtime_fpdf_imports(path: Path) -> list[int]:
    """Lines importing fpdf outside an `if TYPE_CHECKING:` block."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for stmt in block.body
        for node in ast.walk(stmt)
    }
    lines = []
    for node in ast.walk(tree):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
        if id(node) not in typing_only and any(n.split(".")[0] == "fpdf" for n in names):
            lines.append(node.lineno)
    return lines


def test_only_the_loader_and_the_shared_pdf_code_import_fpdf_at_run_time() -> None:
    files = [p for folder in ("kiosk", "screens", "models") for p in (ROOT / folder).rglob("*.py")]
    importing = {str(p.relative_to(ROOT)) for p in files if _runtime_fpdf_imports(p)}
    # release/pdf.py imports fpdf.fonts after fpdf_loader.load() has loaded fpdf2.
    assert importing == {"kiosk/fpdf_loader.py", "kiosk/services/release/pdf.py"}


def test_a_deferred_name_loads_its_library_at_first_use() -> None:
    # In this process numpy is loaded already: the stand-in resolves to the same module.
    import numpy

    fpdf_loader.load()
    stand_in = fpdf_loader.Deferred("numpy", "numpy")
    assert stand_in.resolve() is numpy
    assert stand_in.uint32 is numpy.uint32
    assert fpdf_loader.real("PIL.Image:Resampling.LANCZOS").name == "LANCZOS"


SAME_PDF = """
import datetime, hashlib
{first}
from kiosk.services.release import pdf
doc = pdf.new_document("Attendance TEST", "Attendance record TEST")
doc.set_creation_date(datetime.datetime(2026, 12, 4, tzinfo=datetime.timezone.utc))
pdf.heading(doc, "Zoë Łukasz Gar★eth")
pdf.facts(doc, [("Period", "2026-12-04 to 2026-12-11")])
pdf.grid(doc, ["Date", "Arrived"], [["2026-12-04", "10:02"]] * 90)
pdf.table(doc, ["Note", "By"], [["x " * 500, "staff"]])
print(json.dumps([hashlib.sha256(pdf.to_bytes(doc)).hexdigest(), "numpy" in sys.modules]))
"""


def test_the_pdf_is_byte_for_byte_what_fpdf2_loaded_as_usual_makes() -> None:
    usual, numpy_loaded = run(SAME_PDF.format(first="import fpdf"))
    ours, numpy_deferred = run(SAME_PDF.format(first=""))
    assert (numpy_loaded, numpy_deferred) == (True, False)
    assert ours == usual


def test_loading_fpdf2_freezes_no_garbage_a_closed_screen_left() -> None:
    # The staff app runs all day: what was garbage when the first PDF of the day loaded
    # fpdf2 (a closed case file, with a family's details) must still be freed.
    kept = run(
        """
        import gc, weakref
        from kiosk import fpdf_loader

        class ClosedScreen:
            def __init__(self):
                self.me = self  # a cycle: only the collector frees it

        screen = ClosedScreen()
        ref = weakref.ref(screen)
        gc.collect()  # in use long enough to reach the oldest generation
        del screen  # closed: garbage now
        fpdf_loader.load()
        gc.collect()
        print(json.dumps(ref() is not None))
        """
    )
    assert kept is False
