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
// are left out of the tab order. site.css lays out the blocks of a long page only as they come
// near the screen, and a box that is not laid out (or sits in a collapsed solution) cannot be
// measured: each box is measured whenever its size changes (laid out, opened, the window
// resized), and every laid-out one again when fonts arrive. Every box is read before any is
// changed (a change between two reads lays the page out again).
const laidOut = (box) => box.firstElementChild?.checkVisibility?.({ contentVisibilityAuto: true }) !== false;

function focusIfScrollable(boxes) {
  const measured = boxes.filter(laidOut);
  const scrolls = measured.map((box) => box.scrollWidth > box.clientWidth);
  measured.forEach((box, i) => (scrolls[i] ? (box.tabIndex = 0) : box.removeAttribute("tabindex")));
}

window.addEventListener("load", () => { // Material wraps the tables in their boxes by then
  const boxes = [...document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset div.arithmatex")];
  const resized = new ResizeObserver((entries) => focusIfScrollable(entries.map((entry) => entry.target)));
  boxes.forEach((box) => resized.observe(box));
  document.fonts.addEventListener("loadingdone", () => focusIfScrollable(boxes));
});
