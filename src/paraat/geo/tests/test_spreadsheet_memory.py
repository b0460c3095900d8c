"""Spreadsheets are read in bounded memory: a small XLSX that declares 16,384 columns (a cell in
column XFD on every row, as issue 11's 154 KB file) must not take gigabytes. Peak memory is
measured in a fresh subprocess, with a generous bound; without the bound on the columns read,
openpyxl pads every row to 16,384 cells: 803 MB for these 6,000 rows, GBs for more."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROWS = 6_000
PEAK_MB_BOUND = 300  # measured: 53 MB now, 803 MB when every row is padded to 16,384 cells

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="wijken" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""


def _wide_xlsx(path: Path) -> None:
    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    rows = [
        '<row r="1">'
        + cell("A1", "wk_code")
        + cell("B1", "population")
        + cell("C1", "wkt")
        + '<c r="XFD1"/></row>'
    ]
    for n in range(2, ROWS + 2):
        rows.append(
            f'<row r="{n}">{cell(f"A{n}", f"WK{n:06d}")}<c r="B{n}"><v>{n}</v></c>'
            f'{cell(f"C{n}", "POINT (5.5 51.7)")}<c r="XFD{n}"/></row>'
        )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:XFD{ROWS + 1}"/><sheetData>{"".join(rows)}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)


# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would count the parent's
# (pytest's) memory at fork time; VmHWM belongs to the new process image alone.
CHILD = """
import json, re, sys
from pathlib import Path
from paraat.geo.readers import read_features
table = read_features(sys.argv[1])
status = Path("/proc/self/status").read_text()
peak_mb = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) / 1024
print(json.dumps({"rows": len(table), "columns": table.columns, "peak_mb": peak_mb}))
"""


@pytest.mark.slow
def test_it_reads_a_sheet_declaring_16384_columns_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "breed.xlsx"
    _wide_xlsx(path)
    assert path.stat().st_size < 200_000  # small on disk, as the file of the issue
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["rows"] == ROWS
    assert result["columns"] == ["wk_code", "population", "wkt"]
    assert result["peak_mb"] < PEAK_MB_BOUND, result
