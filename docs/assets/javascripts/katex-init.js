// Render the math that pymdownx.arithmatex (generic mode) leaves in .arithmatex elements,
// \( … \) written in raw-HTML figure captions, which arithmatex does not see, and $ … $ in
// the markdown cells of notebook pages (mkdocs-jupyter leaves it as text).
const DELIMITERS = [
  { left: "\\(", right: "\\)", display: false },
  { left: "\\[", right: "\\]", display: true },
];
const NOTEBOOK_DELIMITERS = [
  { left: "$$", right: "$$", display: true },
  { left: "$", right: "$", display: false },
  ...DELIMITERS,
];

document.addEventListener("DOMContentLoaded", () => {
  const render = (selector, delimiters) => {
    for (const element of document.querySelectorAll(selector)) {
      renderMathInElement(element, { delimiters, throwOnError: false });
    }
  };
  render(".arithmatex, .md-typeset figcaption", DELIMITERS);
  render(".jp-RenderedMarkdown", NOTEBOOK_DELIMITERS);
});
