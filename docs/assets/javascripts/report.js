// "Report a mistake" (sitebuild.repo): the new issue names the page; when the reader selected a
// passage of the page before pressing the link, it also names the section around the passage
// and quotes it. The link is built when it is used: nothing is sent anywhere before that.
(() => {
  const link = document.querySelector("a[data-nn-report]");
  const article = document.querySelector("article.md-content__inner");
  if (!link || !article) return;
  const original = link.href;
  let passage = null; // {quote, heading} of the last selection inside the article

  const headingBefore = node => {
    let found = null;
    for (const heading of article.querySelectorAll("h2[id], h3[id], h4[id]"))
      if (heading.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) found = heading;
    return found;
  };

  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    const quote = selection.toString().trim();
    if (quote && selection.anchorNode && article.contains(selection.anchorNode))
      passage = {quote, heading: headingBefore(selection.anchorNode)};
  });

  const update = () => {
    const url = new URL(original);
    if (passage) { // Page: …, Section: …, the quote, then the question the body ends with
      const [page, ...rest] = url.searchParams.get("body").split("\n");
      const lines = [page];
      if (passage.heading) {
        const title = passage.heading.textContent.replace(/¶$/, "").trim();
        const anchor = new URL(`#${passage.heading.id}`, location.origin + location.pathname);
        lines.push(`${link.dataset.section}: ${title} (${anchor.href})`);
      }
      const quote = passage.quote.split("\n").map(line => `> ${line}`).join("\n");
      lines.push("", quote, "", ...rest.filter(Boolean), "");
      url.searchParams.set("body", lines.join("\n"));
    }
    link.href = url.href;
  };
  for (const event of ["pointerdown", "focus", "click"]) link.addEventListener(event, update);
})();
