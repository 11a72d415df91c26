"""The tooling that builds the nnnotes site, one module per job.

==================  ====================================================================
``figures``         render the plot scripts ``scripts/figures/PAGE/plot_NAME.py``
``figstyle``        the style and output helper of the plot scripts; ``figfiles`` names its files
``notebooks``       execute the notebooks ``docs/notebooks/NAME.LANG.py``
``notebook_pages``  show the executed notebooks as pages in both languages
``notebook_html``   convert them to HTML on the idle core while MkDocs renders the other pages
``first_run``       under ``mkdocs serve``, the notebooks that never ran run behind the served site
``claims``          compute the numbers the prose states (``{{claim:…}}``) and its settings
``katex``           typeset the formulas with KaTeX at build time
``rendered``        convert each Markdown page once, reused while what it is made of holds
``languages``       per-language search, sitemap and 404 page (static-i18n and Material)
``search``          search finds the section that teaches a term first (from the glossary)
``terms``           the first use of a glossary term on a page shows its definition
``repo``            each page's last-updated date, and its edit and report links
``glossary``        the glossary's table as data
``publish``         check the pages, and replace ``site/`` only when a build succeeds
``serve``           one rebuild per saved edit under ``mkdocs serve``
``jobs``            the subprocesses behind figures, notebooks, claims, notebook HTML: limits, cleanup
``warm``            jobs forked from an interpreter that imported what they need once
``cache``, ``deps`` fingerprints of what each job reads; crash-safe writes
==================  ====================================================================

Each MkDocs-facing module has a plugin class, registered in ``pyproject.toml`` as
``nnnotes-NAME`` and listed in ``mkdocs.yml``.
"""


class SiteError(RuntimeError):
    """A build step failed; the message names the file and says what to do."""
