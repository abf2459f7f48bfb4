"""Reading and writing the records: discover, fast load (+cache), positions, round-trip write."""
