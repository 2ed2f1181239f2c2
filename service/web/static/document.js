// Document page: clicking an extracted item marks its mentions in the text and scrolls to the first one.
"use strict";
(function () {
  const text = document.getElementById("testo");
  if (!text) return;
  const pages = Array.from(text.querySelectorAll(".page")).map((page) => {
    const body = page.querySelector(".page-text");
    const start = Number(page.dataset.start);
    return { body, start, end: start + body.textContent.length };
  });

  function clear() {
    text.querySelectorAll("mark.highlight").forEach((mark) => mark.replaceWith(...mark.childNodes));
    pages.forEach((page) => page.body.normalize());
    document.querySelectorAll("tr.selected").forEach((row) => row.classList.remove("selected"));
  }

  /** Wrap [start, end) of the whole text in marks, one per page it crosses; returns the marks in text order. */
  function mark(spans) {
    const pieces = [];
    for (const [start, end] of spans) {
      for (const page of pages) {
        const from = Math.max(start, page.start);
        const to = Math.min(end, page.end);
        if (from < to) pieces.push({ page, from: from - page.start, to: to - page.start });
      }
    }
    // Right to left within a page: the text node that starts the page keeps every offset still to mark.
    pieces.sort((a, b) => a.page.start - b.page.start || b.from - a.from);
    const marks = [];
    for (const piece of pieces) {
      const node = piece.page.body.firstChild;
      if (!node || node.nodeType !== Node.TEXT_NODE || piece.to > node.length) continue;
      const range = document.createRange();
      range.setStart(node, piece.from);
      range.setEnd(node, piece.to);
      const element = document.createElement("mark");
      element.className = "highlight";
      element.tabIndex = -1;
      range.surroundContents(element);
      marks.push(element);
    }
    return marks.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  function show(link, focus) {
    clear();
    const row = link.closest("tr");
    if (row) row.classList.add("selected");
    const marks = mark(JSON.parse(link.dataset.spans));
    if (!marks.length) return;
    marks[0].scrollIntoView({ block: "center" });
    if (focus) marks[0].focus({ preventScroll: true });
  }

  document.querySelectorAll("a.provenance").forEach((link) =>
    link.addEventListener("click", (event) => {
      event.preventDefault();
      history.replaceState(null, "", link.hash);
      show(link, true);
    })
  );

  // Arriving with #commitments-3 (from search, the commitments table, or back/forward): show that item.
  function showTarget() {
    const target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    const link = target && target.querySelector("a.provenance");
    if (!link) return;
    target.scrollIntoView({ block: "center" });
    show(link, false);
  }
  window.addEventListener("hashchange", showTarget);
  showTarget();
})();
