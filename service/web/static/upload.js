// Upload page: drop or choose files, send them to POST /documents, follow each job until indexed or failed.
"use strict";
(function () {
  const form = document.getElementById("upload-form");
  const input = document.getElementById("files");
  const zone = document.getElementById("dropzone");
  const status = document.getElementById("upload-status");
  const table = document.getElementById("uploads");
  const labels = JSON.parse(document.getElementById("labels").textContent);
  const maxFiles = Number(form.dataset.maxFiles);
  const maxBytes = Number(form.dataset.maxBytes);

  const errorText = (error) => (labels.error[error.code] || error.message) + " (" + error.code + ")";
  const say = (text) => (status.textContent = text);

  if (!window.pattiToken.hasOne()) window.pattiToken.ask();

  const describe = () => {
    const names = Array.from(input.files).map((f) => f.name);
    say(names.length ? "Scelti: " + names.join(", ") : "");
  };
  input.addEventListener("change", describe);
  ["dragenter", "dragover"].forEach((type) =>
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add("over");
    })
  );
  ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, () => zone.classList.remove("over")));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    input.files = event.dataTransfer.files;
    describe();
  });

  function addRow(file) {
    table.hidden = false;
    const row = table.tBodies[0].insertRow();
    row.dataset.file = file.file_name;
    row.insertCell().textContent = file.file_name;
    const state = row.insertCell();
    state.className = "job-status";
    const link = row.insertCell();
    const a = document.createElement("a");
    a.href = "/documenti/" + file.document_id;
    a.textContent = "documento " + file.document_id;
    link.appendChild(a);
    return state;
  }

  function show(cell, job) {
    cell.dataset.status = job.status;
    cell.textContent = labels.job_status[job.status] || job.status;
    if (job.error) cell.textContent += ": " + errorText(job.error);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const files = Array.from(input.files);
    if (!files.length) return say("Scegli almeno un file.");
    if (files.length > maxFiles) return say("Al massimo " + maxFiles + " file per volta.");
    const big = files.find((f) => f.size > maxBytes);
    if (big) return say(big.name + ": " + labels.error.too_large);
    const token = window.pattiToken.get();
    if (!token) {
      window.pattiToken.ask();
      return say("Inserisci il token di scrittura.");
    }
    const body = new FormData();
    files.forEach((f) => body.append("files", f, f.name));
    say("Invio di " + files.length + " file…");
    const response = await fetch("/documents", { method: "POST", body, headers: window.pattiToken.headers() });
    if (response.status === 401) {
      window.pattiToken.ask();
      return say("Il token non è valido: inseriscilo di nuovo.");
    }
    if (!response.ok) return say("Caricamento rifiutato: " + errorText(await window.pattiError(response)));
    window.pattiToken.remember(token);
    const result = await response.json();
    say(result.data.length + " file in coda.");
    input.value = "";
    await Promise.all(
      result.data.map(async (file) => {
        const cell = addRow(file);
        if (file.duplicate && file.status !== "queued") {
          cell.dataset.status = file.status === "indexed" ? "done" : "failed";
          cell.textContent = "Già presente (" + (labels.job_status[cell.dataset.status] || file.status) + ")";
          return;
        }
        try {
          await window.pattiFollowJob(file.job_id, (job) => show(cell, job));
        } catch (error) {
          cell.textContent = "Stato non disponibile: " + error.message;
        }
      })
    );
    say("Fatto: controlla lo stato di ogni file qui sotto.");
  });
})();
