#!/usr/bin/env python3
"""Keeps the UI text resources complete.

  tools/ui-text.py keys            every English key the code uses
  tools/ui-text.py missing         keys without a Russian or Kazakh text (exit 1 if any)
  tools/ui-text.py merge FILE.json merges {"key": {"ru": "...", "kk": "..."}} into Resources/UiText.{ru,kk}.resx

Keys are the English texts in T["..."], t["..."], UiText.Key("...") and ErrorMessage = "..." under src/Pana.
"""
import json, pathlib, re, sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent / "src" / "Pana"
RESOURCES = ROOT / "Resources"
PATTERNS = [
    re.compile(r'\b[Tt]\["((?:[^"\\]|\\.)*)"'),
    re.compile(r'UiText\.Key\("((?:[^"\\]|\\.)*)"\)'),
    re.compile(r'ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"'),
]

def keys():
    found = set()
    for path in list(ROOT.rglob("*.cs")) + list(ROOT.rglob("*.cshtml")):
        if "/obj/" in str(path) or "/bin/" in str(path) or "/Migrations/" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            for m in pattern.finditer(text):
                found.add(m.group(1).replace('\\"', '"'))
    return sorted(found)

def load(lang):
    path = RESOURCES / f"UiText.{lang}.resx"
    if not path.exists():
        return {}
    tree = ET.parse(path)
    return {d.get("name"): (d.findtext("value") or "") for d in tree.getroot().findall("data")}

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

def save(lang, entries):
    lines = [HEADER]
    for k in sorted(entries):
        lines.append(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(entries[k])}</value></data>\n')
    lines.append("</root>\n")
    (RESOURCES / f"UiText.{lang}.resx").write_text("".join(lines), encoding="utf-8")

def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else "missing"
    if cmd == "keys":
        print("\n".join(keys()))
    elif cmd == "missing":
        ru, kk = load("ru"), load("kk")
        missing = [k for k in keys() if not ru.get(k) or not kk.get(k)]
        print(json.dumps({k: {"ru": ru.get(k, ""), "kk": kk.get(k, "")} for k in missing}, ensure_ascii=False, indent=1))
        sys.exit(1 if missing else 0)
    elif cmd == "merge":
        new = json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))
        used = set(keys())
        for lang in ("ru", "kk"):
            entries = {k: v for k, v in load(lang).items() if k in used}
            for k, v in new.items():
                if v.get(lang):
                    entries[k] = v[lang]
            save(lang, entries)
    else:
        print(__doc__)
        sys.exit(2)

if __name__ == "__main__":
    main()
