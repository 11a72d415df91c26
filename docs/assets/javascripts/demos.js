// Mount the interactive demos: each <div class="nn-demo" data-demo="NAME"> gets the module
// demos/NAME.js, loaded only on the pages that have such a container.
const DEMOS = ["activations", "playground", "bumps"];

for (const root of document.querySelectorAll(".nn-demo[data-demo]")) {
  const name = root.dataset.demo;
  if (!DEMOS.includes(name)) continue;
  import(`./demos/${name}.js`)
    .then((module) => {
      module.mount(root);
      root.classList.add("nn-demo--ready");
    })
    .catch((error) => console.error(`demo ${name}:`, error));
}
