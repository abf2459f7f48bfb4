"""Reports: kind → context (context.py) → format (formats.py → render/xlsx/docx).

Nothing in this package is imported until ``taskplan report`` runs: jinja2,
XlsxWriter and python-docx are loaded only by the renderer that needs them.
"""
