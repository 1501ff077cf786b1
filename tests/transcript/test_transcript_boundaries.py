import re
import subprocess
import sys
from pathlib import Path

import commonweal.transcript

PACKAGE = Path(commonweal.transcript.__file__).parent


IMPORTS_DJANGO = re.compile(r"^\s*(?:from|import)\s+django\b", re.MULTILINE)


def test_no_engine_module_imports_django():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if IMPORTS_DJANGO.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_importing_the_whole_engine_and_parsing_loads_no_django():
    code = (
        "import sys, pkgutil, importlib, commonweal.transcript as t\n"
        "for m in pkgutil.walk_packages(t.__path__, 'commonweal.transcript.'):\n"
        "    importlib.import_module(m.name)\n"
        "t.parse_text('MATTHEW SHEARS: Good morning.')\n"
        "print(any(name.split('.')[0] == 'django' for name in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
