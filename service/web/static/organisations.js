// Organisations page: staff merge two organisations, add another name, rename one, or undo a change, through the
// registry API with the write token; the page reloads to show the registry as it now is.
"use strict";
(function () {
  const panel = document.getElementById("modifica");
  if (!panel) return;
  const form = document.getElementById("registry-form");
  const what = document.getElementById("registry-what");
  const intoBox = document.getElementById("registry-into-box");
  const into = document.getElementById("registry-into");
  const nameBox = document.getElementById("registry-name-box");
  const name = document.getElementById("registry-name");
  const author = document.getElementById("registry-author");
  const note = document.getElementById("registry-note");
  const errorBox = document.getElementById("registry-error");
  window.pattiAuthor.fill(author);
  let current = null; // {action: merge|alias|rename|undo, organisation, change}

  function open(action, button) {
    current = { action, organisation: button.dataset.organisation, change: button.dataset.change };
    const subject = button.dataset.name ? "«" + button.dataset.name + "»" : "";
    what.textContent = {
      merge: "Unisci " + subject + " a un'altra organizzazione, in tutti i documenti: il suo nome resta come altro nome.",
      alias: "Un altro nome con cui è nota " + subject + ".",
      rename: "Nuovo nome per " + subject + ": quello di ora resta come altro nome.",
      undo: "Annulla la modifica: il registro torna com'era prima.",
    }[action];
    intoBox.hidden = action !== "merge";
    nameBox.hidden = action !== "alias" && action !== "rename";
    for (const option of into.options) option.disabled = option.value === current.organisation;
    if (action === "merge" && into.selectedOptions[0] && into.selectedOptions[0].disabled) {
      const other = Array.from(into.options).find((option) => !option.disabled);
      if (other) into.value = other.value;
    }
    name.value = action === "rename" ? button.dataset.name : "";
    errorBox.hidden = true;
    panel.hidden = false;
    panel.scrollIntoView({ block: "start" });
    (action === "merge" ? into : action === "undo" ? author : name).focus();
  }

  function request() {
    const who = { author: author.value.trim(), note: note.value.trim() || null };
    const base = "/organisations/" + current.organisation;
    switch (current.action) {
      case "merge":
        return ["POST", base + "/merge", { into: Number(into.value), ...who }];
      case "alias":
        return ["POST", base + "/aliases", { name: name.value, ...who }];
      case "rename":
        return ["PATCH", base, { name: name.value, ...who }];
      default:
        return ["DELETE", "/organisation-changes/" + current.change + "?" + new URLSearchParams({ author: who.author }), null];
    }
  }

  function showError(message, culprit) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    if (culprit === "author") author.focus();
  }

  window.pattiWriteForm(form, {
    author,
    request,
    missingAuthor: "Scrivi il tuo nome: resta nell'elenco delle modifiche.",
    refused: "Modifica non accettata: ",
    anchor: "modifiche",
    showError,
  });
  document.getElementById("registry-cancel").addEventListener("click", () => {
    panel.hidden = true;
    current = null;
  });
  for (const action of ["merge", "alias", "rename", "undo"]) {
    document.querySelectorAll("button." + action).forEach((button) => button.addEventListener("click", () => open(action, button)));
  }
})();
