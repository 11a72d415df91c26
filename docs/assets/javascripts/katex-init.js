// Render the math that pymdownx.arithmatex (generic mode) leaves in .arithmatex elements,
// and \( … \) written in raw-HTML figure captions, which arithmatex does not see.
document.addEventListener("DOMContentLoaded", () => {
  for (const element of document.querySelectorAll(".arithmatex, .md-typeset figcaption")) {
    renderMathInElement(element, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: false,
    });
  }
});
