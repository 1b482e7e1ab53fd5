"""The bare page B, to switch to from A (bench/pages.py): see shape.py."""

import shape

shape.draw("Trang B")
