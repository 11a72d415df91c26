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
// near the screen, and a box that is not laid out (or sits in a collapsed block) cannot be
// measured: each box is measured when it is laid out or its block opened, and the laid-out ones
// again on resize and when fonts arrive. Every box is read before any is changed (a change
// between two reads lays the page out again).
const laidOut = (box) => box.firstElementChild?.checkVisibility?.({ contentVisibilityAuto: true }) !== false;

function focusIfScrollable(boxes) {
  const measured = boxes.filter(laidOut);
  const scrolls = measured.map((box) => box.scrollWidth > box.clientWidth);
  measured.forEach((box, i) => (scrolls[i] ? (box.tabIndex = 0) : box.removeAttribute("tabindex")));
}

window.addEventListener("load", () => { // Material wraps the tables in their boxes by then
  const boxes = [...document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset div.arithmatex")];
  const all = () => focusIfScrollable(boxes);
  all();
  window.addEventListener("resize", all);
  document.fonts.addEventListener("loadingdone", all);
  // Fired at the block that is laid out (the box or a list around it), and not bubbling.
  document.addEventListener("contentvisibilityautostatechange", (event) => {
    if (!event.skipped) focusIfScrollable(boxes.filter((box) => event.target.contains(box)));
  }, true);
  // A box in a collapsed block (a solution) is measured when the reader opens it.
  document.addEventListener("toggle", (event) => {
    if (event.target.open) focusIfScrollable(boxes.filter((box) => event.target.contains(box)));
  }, true);
});
