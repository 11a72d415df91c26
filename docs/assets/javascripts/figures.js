// Enlarge a figure: each figure is a link to its SVG (<a class="nn-figure">, sitebuild/figures.py);
// a click, a tap or Enter opens the layout the page shows (img.currentSrc) in GLightbox, vendored
// in assets/glightbox/ and loaded on the first use only. Escape or the close button closes it and
// focus returns to the figure. Without JavaScript the link opens the SVG itself.
"use strict";
{ // a block of its own: classic scripts share one global scope
  const LABELS = {
    ko: { dialog: "확대한 그림", close: "닫기" },
    en: { dialog: "Enlarged figure", close: "Close" },
  };
  const labels = LABELS[document.documentElement.lang] ?? LABELS.en;
  const assets = new URL("../glightbox/", document.currentScript.src);
  let loading = null;

  function load() {
    if (!loading) {
      loading = new Promise((resolve, reject) => {
        const style = Object.assign(document.createElement("link"), { rel: "stylesheet", href: new URL("glightbox.min.css", assets) });
        const script = Object.assign(document.createElement("script"), { src: new URL("glightbox.min.js", assets) });
        script.onload = () => resolve(window.GLightbox);
        script.onerror = reject;
        document.head.append(style, script);
      });
    }
    return loading;
  }

  async function enlarge(link) {
    const image = link.querySelector("img");
    const GLightbox = await load();
    const box = GLightbox({
      elements: [{ href: image.currentSrc || image.src, type: "image", alt: image.alt }],
      touchNavigation: false, keyboardNavigation: true, loop: false, zoomable: false, draggable: false,
      openEffect: "fade", closeEffect: "fade",
    });
    box.on("open", () => {
      const dialog = document.querySelector(".glightbox-container");
      dialog.setAttribute("aria-modal", "true");
      dialog.setAttribute("aria-label", labels.dialog);
      dialog.querySelectorAll(".gprev, .gnext").forEach((button) => button.remove()); // one figure: no "next"
      const close = dialog.querySelector(".gclose");
      close.setAttribute("aria-label", labels.close);
      close.focus();
    });
    box.on("close", () => {
      box.destroy();
      link.focus();
    });
    box.open();
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a.nn-figure");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    enlarge(link).catch(() => { window.location.href = link.href; });
  });
}
