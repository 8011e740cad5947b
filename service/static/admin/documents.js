// Admin documents page: upload / add URL, ingestion job progress (polling), review, approve and retire.
// Talks to /api/v1/documents with the staff cookie; every value is shown with textContent, never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const ACTIVE = ["queued", "running", "retrying"];
  const POLL_MS = 1500;
  let selected = null;
  let pollTimer = null;

  function notify(text, isError = false) {
    const notice = $("notice");
    notice.textContent = text;
    notice.className = "notice" + (isError ? " error" : "");
  }

  function describe(detail) {
    if (Array.isArray(detail)) return detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ");
    return detail || "request failed";
  }

  async function call(path, options = {}) {
    const response = await fetch(path, { credentials: "same-origin", ...options });
    if (response.status === 401) {
      location.href = "/admin/login?next=" + encodeURIComponent(location.pathname);
      throw new Error("signed out");
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(describe(body.detail));
    return { status: response.status, body };
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    if (className) td.className = className;
    if (text instanceof Node) td.append(text); else td.textContent = text ?? "";
    row.append(td);
    return td;
  }

  function badge(status) {
    const span = document.createElement("span");
    span.className = "status " + status;
    span.textContent = status;
    return span;
  }

  function button(label, onClick, className = "small") {
    const b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  // --- documents table ----------------------------------------------------------------------------

  // Loads can overlap (a job finishing, an approval, a retirement): only the latest one may draw the table,
  // or an older answer arriving last would show a stale status.
  let documentsLoad = 0;

  async function loadDocuments() {
    const mine = ++documentsLoad;
    const status = $("status-filter").value;
    const { body } = await call("/api/v1/documents" + (status ? `?status=${status}` : ""));
    if (mine !== documentsLoad) return;
    const tbody = $("documents-table").querySelector("tbody");
    tbody.replaceChildren();
    if (!body.documents.length) {
      const row = tbody.insertRow();
      const td = cell(row, "No documents yet.", "muted");
      td.colSpan = 10;
    }
    for (const d of body.documents) {
      const row = tbody.insertRow();
      row.dataset.documentId = d.id;
      cell(row, String(d.id));
      cell(row, d.title);
      cell(row, d.source, "source");
      cell(row, d.language);
      cell(row, badge(d.status)).dataset.role = "status";
      cell(row, d.live_version && d.live_version !== d.version ? `${d.version} (live ${d.live_version})` : String(d.version));
      cell(row, String(d.chunks));
      cell(row, d.phi_findings ? `⚠ ${d.phi_findings}` : "0");
      cell(row, `${new Date(d.added_at).toLocaleString()} · ${d.added_by}`);
      cell(row, button("Review", () => showDetail(d.id)));
    }
  }

  // --- detail, approve, retire ---------------------------------------------------------------------

  async function showDetail(id) {
    const [{ body: doc }, { body: chunks }] = await Promise.all([
      call(`/api/v1/documents/${id}`), call(`/api/v1/documents/${id}/chunks?limit=500`),
    ]);
    const d = doc.document;
    selected = d;
    $("detail").hidden = false;
    $("detail-title").textContent = `#${d.id} · ${d.title}`;
    $("detail-meta").textContent = `${d.status} · version ${d.version} · ${d.language} · ${d.source}` +
      (d.approved_by ? ` · approved by ${d.approved_by}` : "") + (d.retired_by ? ` · retired by ${d.retired_by}` : "");
    $("detail-text").textContent = doc.text + (doc.truncated ? `\n… (${doc.text_chars} characters in all)` : "");
    $("chunk-count").textContent = `(${chunks.total})`;
    const list = $("detail-chunks");
    list.replaceChildren();
    for (const c of chunks.chunks) {
      const li = document.createElement("li");
      const where = document.createElement("span");
      where.className = "chunk-where";
      where.textContent = [c.section, c.page ? `page ${c.page}` : null, c.url].filter(Boolean).join(" · ");
      li.append(where, document.createTextNode(c.text));
      list.append(li);
    }
    const needsOverride = d.status === "pending" && d.phi_findings > 0;
    $("phi-box").hidden = !needsOverride;
    $("phi-warning").textContent = needsOverride
      ? `${d.phi_findings} chunk(s) look like they contain personal data. Check the text before approving.` : "";
    $("override-phi").checked = false;
    $("override-reason").value = "";
    $("approve-button").disabled = d.status !== "pending";
    $("retire-button").disabled = d.status === "retired";
    $("detail").scrollIntoView({ block: "start" });
  }

  $("approve-button").addEventListener("click", async () => {
    const body = {};
    if (!$("phi-box").hidden) {
      body.override_phi = $("override-phi").checked;
      body.reason = $("override-reason").value.trim() || null;
      if (!body.override_phi) { notify("Tick “Approve anyway” and give a reason, or retire the document.", true); return; }
    }
    try {
      const { body: result } = await call(`/api/v1/documents/${selected.id}/approve`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
      });
      notify(`Approved: ${result.document.title}. Patients can now get answers from it.`);
      await loadDocuments();
      await showDetail(selected.id);
    } catch (error) { notify(`Not approved: ${error.message}`, true); }
  });

  $("retire-button").addEventListener("click", async () => {
    if (!confirm(`Retire “${selected.title}”? Patients will no longer get answers from it.`)) return;
    try {
      const { body: result } = await call(`/api/v1/documents/${selected.id}/retire`, { method: "POST" });
      notify(`Retired: ${result.document.title}.`);
      await loadDocuments();
      await showDetail(selected.id);
    } catch (error) { notify(`Not retired: ${error.message}`, true); }
  });

  // --- adding sources and following their jobs -----------------------------------------------------

  function accepted(result, what) {
    if (result.status === 202) {
      notify(`${what}: ingestion queued. Progress is shown under “Ingestion jobs”.`);
      loadJobs();
    } else {
      const d = result.body.document;
      const state = d.outcome === "unchanged" ? "unchanged (same content as before)" : `${d.status}, ${d.chunks} chunks`;
      notify(`${d.title}: ${state}. Review it below and approve it.`);
      loadDocuments();
    }
  }

  $("upload-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData($("upload-form"));
    const name = $("upload-file").files[0]?.name || "file";
    notify(`Uploading ${name}…`);
    try {
      accepted(await call("/api/v1/documents/upload", { method: "POST", body: form }), name);
      $("upload-form").reset();
    } catch (error) { notify(`${name} was not added: ${error.message}`, true); }
  });

  $("url-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const url = $("url-input").value.trim();
    try {
      accepted(await call("/api/v1/documents", {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url }),
      }), url);
      $("url-form").reset();
    } catch (error) { notify(`${url} was not added: ${error.message}`, true); }
  });

  async function loadJobs() {
    clearTimeout(pollTimer);
    const { body } = await call("/api/v1/documents/jobs");
    const tbody = $("jobs-table").querySelector("tbody");
    tbody.replaceChildren();
    if (!body.jobs.length) {
      const td = cell(tbody.insertRow(), "No ingestion jobs yet.", "muted");
      td.colSpan = 4;
    }
    let active = false;
    for (const job of body.jobs) {
      const row = tbody.insertRow();
      row.dataset.taskId = job.task_id;
      cell(row, job.source, "source");
      cell(row, badge(job.status)).dataset.role = "status";
      cell(row, job.total ? `${job.stage} ${job.done}/${job.total}` : job.stage || "");
      const results = (job.results || []).map((r) => `${r.title} (${r.outcome}, ${r.chunks} chunks)`).join("; ");
      cell(row, job.error ? `${job.error_class || "error"}: ${job.error}` : results);
      active = active || ACTIVE.includes(job.status);
    }
    if (active) pollTimer = setTimeout(loadJobs, POLL_MS);
    // A job that just finished added documents: show them.
    if (!active && loadJobs.wasActive) loadDocuments();
    loadJobs.wasActive = active;
  }

  $("status-filter").addEventListener("change", loadDocuments);
  loadDocuments();
  loadJobs();
})();
