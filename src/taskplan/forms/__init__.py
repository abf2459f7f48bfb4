"""填报表: the workbook each unit fills in (``report forms``) and reading it back (``collect``)."""
