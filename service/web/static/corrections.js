// Document page: staff correct the extracted items (add one, correct one, mark one as wrong, withdraw a correction)
// through the corrections API, with the write token; a selection in the text can become a new item.
"use strict";
(function () {
  const panel = document.getElementById("correzione");
  const described = document.getElementById("correction-fields");
  if (!panel || !described) return;
  const fields = JSON.parse(described.textContent);
  const documentId = panel.dataset.document;
  const form = document.getElementById("correction-form");
  const inputs = document.getElementById("correction-inputs");
  const what = document.getElementById("correction-what");
  const errorBox = document.getElementById("correction-error");
  const author = document.getElementById("correction-author");
  const note = document.getElementById("correction-note");
  window.pattiAuthor.fill(author);
  let current = null; // {mode: add|edit|remove|withdraw, field, position, spans, correction}

  const sectionTitle = (field) => document.getElementById("titolo-" + field).firstChild.textContent.trim();

  /** One labelled control for an item's field, filled with its value. */
  function control(field, spec, value) {
    const id = "item-" + spec.name;
    const wrap = document.createElement("div");
    wrap.className = "item-input";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = spec.title + (spec.required ? "" : " (facoltativo)");
    let input;
    if (spec.kind === "select") {
      input = document.createElement("select");
      if (!spec.required) input.append(new Option("—", ""));
      for (const [choice, text] of spec.choices) input.append(new Option(text, choice));
    } else if (spec.kind === "textarea") {
      input = document.createElement("textarea");
      input.rows = 3;
    } else {
      input = document.createElement("input");
      input.type = spec.kind;
    }
    input.id = id;
    input.name = spec.name;
    input.dataset.kind = spec.kind;
    input.required = spec.required;
    input.value = value === null || value === undefined ? "" : String(value);
    wrap.append(label, input);
    return wrap;
  }

  function open(mode, field, options = {}) {
    current = { mode, field, ...options };
    inputs.replaceChildren();
    errorBox.hidden = true;
    const values = options.values || {};
    if (mode === "add" || mode === "edit") {
      for (const spec of fields[field]) inputs.append(control(field, spec, values[spec.name]));
      const takes = fields[field].find((spec) => spec.selection);
      if (mode === "add" && options.selected && takes) document.getElementById("item-" + takes.name).value = options.selected;
    }
    const summary = options.summary ? ": «" + options.summary + "»" : "";
    const where = field === "document" ? " il documento" : field ? " in «" + sectionTitle(field) + "»" : "";
    what.textContent = {
      add: "Nuovo elemento" + where + summary,
      edit: "Correggi" + where + summary,
      remove: "Segna come errato" + where + summary,
      withdraw: "Ritira la correzione: il documento torna com'era senza di essa.",
    }[mode];
    panel.hidden = false;
    panel.scrollIntoView({ block: "start" });
    (inputs.querySelector("input, select, textarea") || author).focus();
  }

  function close() {
    panel.hidden = true;
    current = null;
  }

  /** The item's fields as typed: numbers as numbers, an empty optional field as null. */
  function typedItem() {
    const item = {};
    for (const input of inputs.querySelectorAll("input, select, textarea")) {
      const raw = input.value.trim();
      if (input.dataset.kind === "number") item[input.name] = raw === "" ? null : Number(raw);
      else item[input.name] = raw === "" && !input.required ? null : raw;
    }
    if (current.mode === "add" && current.spans) item.spans = current.spans;
    return item;
  }

  function request() {
    const base = "/documents/" + documentId;
    const who = { author: author.value.trim(), note: note.value.trim() || null };
    const query = new URLSearchParams({ author: who.author, ...(who.note ? { note: who.note } : {}) });
    switch (current.mode) {
      case "add":
        return ["POST", base + "/items/" + current.field, { item: typedItem(), ...who }];
      case "edit":
        if (current.field === "document") return ["PATCH", base, { item: typedItem(), ...who }];
        return ["PATCH", base + "/items/" + current.field + "/" + current.position, { item: typedItem(), ...who }];
      case "remove":
        return ["DELETE", base + "/items/" + current.field + "/" + current.position + "?" + query, null];
      default:
        return ["DELETE", base + "/corrections/" + current.correction + "?" + new URLSearchParams({ author: who.author }), null];
    }
  }

  function showError(message, name) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    inputs.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
    const culprit = name && (document.getElementById("item-" + name) || (name === "author" ? author : null));
    if (culprit) {
      culprit.setAttribute("aria-invalid", "true");
      culprit.focus();
    }
  }

  window.pattiWriteForm(form, {
    author,
    request,
    missingAuthor: "Scrivi il tuo nome: resta nella storia delle correzioni.",
    refused: "Correzione non accettata: ",
    anchor: "correzioni",
    showError,
    culpritOf(error) {
      // "the correction was refused: item.date: …" names the field at fault.
      const named = error.code === "invalid_correction" && /: (item\.(\w+)|author|position)\b/.exec(error.message);
      return named ? named[2] || named[1] : null;
    },
  });
  document.getElementById("correction-cancel").addEventListener("click", close);

  const item = (button) => JSON.parse(button.dataset.item || "{}");
  const summary = (values) => values.name || values.label || values.text || values.value || values.date || "";
  document.querySelectorAll("button.add-item").forEach((button) =>
    button.addEventListener("click", () => open("add", button.dataset.field))
  );
  document.querySelectorAll("button.edit-item").forEach((button) =>
    button.addEventListener("click", () =>
      open("edit", button.dataset.field, { position: button.dataset.position, values: item(button), summary: summary(item(button)) })
    )
  );
  document.querySelectorAll("button.remove-item").forEach((button) =>
    button.addEventListener("click", () =>
      open("remove", button.dataset.field, { position: button.dataset.position, summary: summary(item(button)) })
    )
  );
  const fixDocument = document.getElementById("correct-document");
  if (fixDocument) fixDocument.addEventListener("click", () => open("edit", "document", { values: item(fixDocument) }));
  document.querySelectorAll("button.withdraw").forEach((button) =>
    button.addEventListener("click", () => open("withdraw", null, { correction: button.dataset.correction }))
  );

  // A selection in the text: offer to add it, with its place ([start, end) in the whole text) as the item's span.
  const text = document.getElementById("testo");
  const tools = document.getElementById("selection-tools");
  let selected = null;
  function offsetIn(node, offset) {
    const page = (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement).closest(".page");
    if (!page || !text.contains(page)) return null;
    const range = document.createRange();
    range.setStart(page.querySelector(".page-text"), 0);
    range.setEnd(node, offset);
    return Number(page.dataset.start) + range.toString().length;
  }
  function noticeSelection() {
    const selection = window.getSelection();
    selected = null;
    if (selection && !selection.isCollapsed && text.contains(selection.anchorNode) && text.contains(selection.focusNode)) {
      const range = selection.getRangeAt(0);
      const start = offsetIn(range.startContainer, range.startOffset);
      const end = offsetIn(range.endContainer, range.endOffset);
      const words = selection.toString().replace(/\s+/g, " ").trim();
      if (start !== null && end !== null && end > start && words) selected = { start, end, words };
    }
    tools.hidden = !selected;
  }
  text.addEventListener("mouseup", noticeSelection);
  text.addEventListener("keyup", noticeSelection);
  document.getElementById("selection-add").addEventListener("click", () => {
    if (!selected) return;
    const field = document.getElementById("selection-field").value;
    open("add", field, { spans: [[selected.start, selected.end]], selected: selected.words, summary: selected.words });
  });
})();
