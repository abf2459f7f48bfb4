"""What the loaded plan answers, resolved once: sections by any spelling (sections.py), and which
tasks each unit owes in which role (roles.py)."""
