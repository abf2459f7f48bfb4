"""What commands print: views of selections, the format registry, table writers, the text of show."""
