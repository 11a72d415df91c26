// Accessibility fixes for markup that Material for MkDocs writes (checked by
// tests/browser/test_pages.py with axe-core).

// The search dialog has role="dialog" but no name (axe: aria-dialog-name): give it the
// label of its own search box, which Material already translates.
const searchDialog = document.querySelector(".md-search[role=dialog]");
const searchBox = document.querySelector(".md-search__input[aria-label]");
if (searchDialog && searchBox && !searchDialog.hasAttribute("aria-label")) {
  searchDialog.setAttribute("aria-label", searchBox.getAttribute("aria-label"));
}

// A wide table or equation scrolls sideways inside its box. Such a box takes keyboard focus,
// so it can be scrolled with the arrow keys (axe: scrollable-region-focusable). Boxes that fit
// are left out of the tab order. A box is measured whenever its size changes: when the window
// does, when the fonts arrive, and when it is first laid out (site.css lays out a block of a
// long page only as it comes near the screen). Every box is read before any is changed (a
// change between two reads lays the page out again).
const scrollables = new ResizeObserver((entries) => {
  const boxes = entries.map((entry) => entry.target);
  const scrolls = boxes.map((box) => box.scrollWidth > box.clientWidth);
  boxes.forEach((box, i) => (scrolls[i] ? (box.tabIndex = 0) : box.removeAttribute("tabindex")));
});
// Material wraps the tables in their scroll boxes once the document has loaded.
window.addEventListener("load", () => {
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset div.arithmatex")) {
    scrollables.observe(box);
  }
});
