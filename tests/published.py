"""The site as GitHub Pages publishes a project: built for an address under a path and with the
repository's links (.github/workflows/pages.yml sets both), served under that path only. The
tests serve every site on LOCAL_HOST, an address no browser needs to look up."""

PREFIX = "/nnnotes/"
REPO = "https://github.com/example/nnnotes"
LOCAL_HOST = "127.0.0.1"
