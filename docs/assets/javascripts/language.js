// The language menu keeps the reader's place: a link to the other language gets this page's query
// (the demos' settings) and the section being read, so the twin page opens there instead of at its
// top. The section is the element of the URL's #hash while it is on screen, or else (once the
// page is scrolled) the last heading (h2–h6) above the reading line, a quarter down the screen
// below the header.
//
// A chapter's section ids are the same in both languages: the link carries #id. A notebook's
// headings take their ids from the translated titles, so there the link carries the heading's
// number, #section=N, and the twin page turns it into its own heading's id when it opens.

const headings = () => [...document.querySelectorAll(".md-content :is(h2, h3, h4, h5, h6)[id]")];
const byNumber = document.querySelector(".md-content .jupyter-wrapper") !== null;
const NUMBERED = /^#section=(\d+)$/;

/** The element the URL's #hash names, if any (a malformed escape names none). */
function hashTarget() {
  try {
    return location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  } catch {
    return null;
  }
}

function onScreen(el, top) {
  const box = el.getBoundingClientRect();
  return box.bottom > top && box.top < innerHeight;
}

/** The hash that names the section being read, or "" at the top of the page. */
function currentSection() {
  const header = document.querySelector(".md-header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  const all = headings();
  const target = hashTarget();
  let section = target && onScreen(target, top) ? target : null;
  if ((!section || (byNumber && !all.includes(section))) && scrollY > 0) {
    const line = top + (innerHeight - top) / 4;
    section = all.filter((h) => h.getBoundingClientRect().top <= line).pop();
  }
  if (!section) return "";
  return byNumber ? `#section=${all.indexOf(section) + 1}` : `#${encodeURIComponent(section.id)}`;
}

function carry(link) {
  link.dataset.twin ??= link.href.replace(/[?#].*$/, "");
  link.href = link.dataset.twin + location.search + currentSection();
}

// Every way to follow the link: click, Enter, middle click, the context menu, a hover or focus
// that shows the address.
const lang = document.documentElement.lang;
for (const type of ["click", "pointerdown", "pointerover", "focusin", "contextmenu"]) {
  document.addEventListener(type, (event) => {
    const link = event.target.closest?.(".md-select__link[hreflang]");
    if (link && link.hreflang !== lang) carry(link);
  }, true);
}

// Opened from the other language's notebook: the numbered heading becomes its id, scrolled to as
// any #id is (below the header).
const numbered = location.hash.match(NUMBERED);
if (numbered) {
  const heading = headings()[Number(numbered[1]) - 1];
  if (heading) location.replace(`#${encodeURIComponent(heading.id)}`);
}
