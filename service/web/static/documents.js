// "Riprova" buttons: extract a failed document again (POST /documents/{id}/reindex), then reload when it ends.
"use strict";
(function () {
  const status = document.getElementById("documents-status");
  document.querySelectorAll("button.retry").forEach((button) =>
    button.addEventListener("click", async () => {
      const token = window.pattiToken.get();
      if (!token) {
        window.pattiToken.ask();
        status.textContent = "Inserisci il token di scrittura, poi premi di nuovo «Riprova».";
        return;
      }
      button.disabled = true;
      const response = await fetch("/documents/" + button.dataset.document + "/reindex", {
        method: "POST",
        headers: window.pattiToken.headers(),
      });
      if (response.status === 401) {
        window.pattiToken.ask();
        button.disabled = false;
        status.textContent = "Il token non è valido: inseriscilo di nuovo.";
        return;
      }
      if (!response.ok) {
        const error = await window.pattiError(response);
        button.disabled = false;
        status.textContent = "Non è stato possibile rimettere in coda: " + error.message;
        return;
      }
      window.pattiToken.remember(token);
      const job = await response.json();
      status.textContent = "Documento " + button.dataset.document + " rimesso in coda…";
      const done = await window.pattiFollowJob(job.id, () => {});
      status.textContent = done.status === "done" ? "Letto di nuovo: aggiorno la pagina." : "Non riuscito di nuovo.";
      window.location.reload();
    })
  );
})();
