// The search index is requested when the reader reaches for search, not on every page load: it is
// the largest download of a first visit (135 KB compressed in Korean, more than a chapter's HTML),
// and most visits never search. Material asks for it with an XMLHttpRequest as its bundle starts;
// this script, loaded just before the bundle (overrides/main.html), holds that request's send()
// until the search field takes focus, the pointer nears the search button, or the address asks
// for a search (?q=, a shared search) or its highlighting (?h=, a search result followed).
// Meanwhile Material shows its own "Initializing search" line, in the page's language.
"use strict";
{ // a block of its own: classic scripts share one global scope
  const INDEX = "search/search_index.json";
  const held = [];
  let wanted = false;

  function want() {
    if (!wanted) {
      wanted = true;
      held.splice(0).forEach(send => send());
    }
  }

  const { open, send } = XMLHttpRequest.prototype;
  const isIndex = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (String(url).endsWith(INDEX)) isIndex.add(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (wanted || !isIndex.has(this)) return send.apply(this, body);
    held.push(() => send.apply(this, body));
  };

  const address = new URLSearchParams(location.search);
  if (address.has("q") || address.has("h")) want();
  document.addEventListener("focusin", event => {
    if (event.target.closest?.("[data-md-component=search]")) want();
  });
  for (const type of ["pointerover", "touchstart"]) {
    document.addEventListener(type, event => {
      if (event.target.closest?.("label[for=__search], [data-md-component=search]")) want();
    }, { passive: true });
  }
}
