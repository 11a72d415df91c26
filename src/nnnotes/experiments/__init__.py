"""The computations behind the site's figures and the numbers stated in its prose.

One module or package per chapter, named by the chapter's Python name (``neurons``,
``activations``, ``relu_in_practice``, ``gradient_flow``, ``architecture``, ``capacity``,
``training_setup``), a package split into the chapter's sections. Chapters do not import each
other: what they share is in the core (``nnnotes``) or in ``common``. A value an experiment is
run with and the prose shows is registered with :func:`nnnotes.experiments.claims.setting`; a
number the experiment computes, with :func:`nnnotes.experiments.claims.claim` and a predicate
that a code change can break. Both are named after their chapter. Expensive experiments that a
figure, the claims and a notebook share are computed once per build (``shared``).
"""
