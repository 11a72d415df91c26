"""nnnotes: the NumPy building blocks behind every figure and number on the nnnotes site."""
