// Accessibility fixes for markup that Material for MkDocs writes (checked by
// tests/browser/test_accessibility.py with axe-core).

// The search dialog has role="dialog" but no name (axe: aria-dialog-name): give it the
// label of its own search box, which Material already translates.
const searchDialog = document.querySelector(".md-search[role=dialog]");
const searchBox = document.querySelector(".md-search__input[aria-label]");
if (searchDialog && searchBox && !searchDialog.hasAttribute("aria-label")) {
  searchDialog.setAttribute("aria-label", searchBox.getAttribute("aria-label"));
}

// A wide table or equation scrolls sideways inside its box. Such a box takes keyboard focus,
// so it can be scrolled with the arrow keys (axe: scrollable-region-focusable). Boxes that fit
// are left out of the tab order. Material wraps tables and KaTeX renders the math on
// DOMContentLoaded, and the fonts change the widths: measure once the page has loaded.
function focusScrollableBoxes() {
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset div.arithmatex")) {
    if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
    else box.removeAttribute("tabindex");
  }
}
window.addEventListener("load", focusScrollableBoxes);
window.addEventListener("resize", focusScrollableBoxes);
