"""Punctuation of both widths, spelled with escapes so no editor can fold them.

Official documents use full-width ``，：；（）．`` or their half-width twins
(the Haicheng plan uses half-width); every rule of the importer accepts both.
"""
from __future__ import annotations

COLONS = ":\uff1a"  # : ：
COMMAS = ",\uff0c"  # , ，
SEMICOLONS = ";\uff1b"  # ; ；
OPEN = "(\uff08"  # ( （
CLOSE = ")\uff09"  # ) ）
DOTS = ".\uff0e"  # . ．
ENUM = "\u3001"  # 、
FULL_STOP = "\u3002"  # 。
MARKS = "!?\uff01\uff1f"  # ! ? ！ ？
