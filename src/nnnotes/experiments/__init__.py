"""The computations behind the site's figures and the numbers stated in its prose.

Each module holds the experiments of one topic. A number that a page states is registered
with :func:`nnnotes.experiments.claims.claim`: the build computes it and writes it into the
page, and a test asserts it.
"""
