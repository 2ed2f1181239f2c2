// The write token: asked for when a write needs it, kept in this tab's sessionStorage, sent as a Bearer header.
"use strict";
(function () {
  const KEY = "patti-write-token";
  const box = () => document.getElementById("token-box");
  const field = () => document.getElementById("write-token");

  window.pattiToken = {
    /** The stored token, or what the reader typed in the token field. */
    get() {
      const typed = field() ? field().value.trim() : "";
      return typed || sessionStorage.getItem(KEY) || "";
    },
    /** Keep a token that the server accepted, and hide the field. */
    remember(token) {
      sessionStorage.setItem(KEY, token);
      if (box()) box().hidden = true;
    },
    /** Show the field (after a refusal, or before a first write) and put the cursor in it. */
    ask() {
      sessionStorage.removeItem(KEY);
      if (box()) {
        box().hidden = false;
        field().focus();
      }
    },
    hasOne() {
      return Boolean(sessionStorage.getItem(KEY));
    },
    headers() {
      const token = this.get();
      return token ? { Authorization: "Bearer " + token } : {};
    },
  };
})();

/** Who corrects: the name typed in a correction form, remembered in this browser for the next one. */
window.pattiAuthor = {
  KEY: "patti-author",
  fill(input) {
    input.value = localStorage.getItem(this.KEY) || "";
  },
  remember(input) {
    localStorage.setItem(this.KEY, input.value.trim());
  },
};

/** Follow a job until it is done or failed; calls onChange(job) at each answer. */
window.pattiFollowJob = async function (jobId, onChange, intervalMs = 800) {
  for (;;) {
    const response = await fetch("/jobs/" + jobId, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error("job " + jobId + ": HTTP " + response.status);
    const job = await response.json();
    onChange(job);
    if (job.status === "done" || job.status === "failed") return job;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};

/** The error of a JSON error answer, as {code, message}. */
window.pattiError = async function (response) {
  try {
    const body = await response.json();
    if (body && body.error) return body.error;
  } catch (e) {
    /* not JSON: fall through */
  }
  return { code: "http_" + response.status, message: "HTTP " + response.status };
};

/**
 * Send a write (a JSON body, or none) with the write token. Asks for the token when there is none or it is
 * refused. Resolves to null once the server accepted the write, else to {code, message} saying why not.
 */
window.pattiWrite = async function (method, url, body) {
  const token = window.pattiToken.get();
  if (!token) {
    window.pattiToken.ask();
    return { code: "no_token", message: "Inserisci il token di scrittura (sopra), poi premi di nuovo «Salva»." };
  }
  const headers = { ...window.pattiToken.headers(), Accept: "application/json" };
  if (body) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  if (response.status === 401) {
    window.pattiToken.ask();
    return { code: "unauthorized", message: "Il token non è valido: inseriscilo di nuovo, poi premi «Salva»." };
  }
  if (!response.ok) return window.pattiError(response);
  window.pattiToken.remember(token);
  return null;
};

/**
 * A staff form that writes through the API. On submit: refuses an empty author with missingAuthor, sends
 * request() ([method, url, body]) with pattiWrite, and on success remembers the author and reloads the page at
 * #anchor. A refusal goes to showError(message, culprit): culprit is "author" for a missing author, else what
 * culpritOf(error) names (the field at fault), or null.
 */
window.pattiWriteForm = function (form, { author, request, missingAuthor, refused, anchor, showError, culpritOf }) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!author.value.trim()) {
      showError(missingAuthor, "author");
      return;
    }
    const [method, url, body] = request();
    const error = await window.pattiWrite(method, url, body);
    if (error) {
      const asked = error.code === "no_token" || error.code === "unauthorized";
      showError((asked ? "" : refused) + error.message, culpritOf ? culpritOf(error) : null);
      return;
    }
    window.pattiAuthor.remember(author);
    window.location.hash = anchor;
    window.location.reload();
  });
};
