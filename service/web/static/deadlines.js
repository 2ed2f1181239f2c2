// Deadlines page: copy the feed address to the clipboard.
"use strict";
(function () {
  const button = document.getElementById("copy-feed");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById("copy-status");
  button.addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
    } catch (error) {
      document.execCommand("copy"); // older browsers, or a page not served over https
    }
    status.textContent = "Indirizzo copiato: incollalo nel tuo calendario.";
  });
})();
