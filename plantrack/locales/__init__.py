"""One message catalogue per language, plain dicts of key to text: vi.py first, en.py the switch."""
