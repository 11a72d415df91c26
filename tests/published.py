"""The site as GitHub Pages publishes a project: built for an address under a path and with the
repository's links (.github/workflows/pages.yml sets both), served under that path only."""

PREFIX = "/nnnotes/"
REPO = "https://github.com/example/nnnotes"
