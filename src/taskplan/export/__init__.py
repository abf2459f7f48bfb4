"""The plan in other stores: ``taskplan export sqlite`` (sqlite.py)."""
