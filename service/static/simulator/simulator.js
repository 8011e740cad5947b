// The simulated phone: patients, chat bubbles, ticks, typing, reply buttons and list sheets.
// Bot messages arrive by Server-Sent Events from the Graph API stand-in; what the patient types or taps
// goes to /simulator/api/send, which posts a signed webhook to Recepta.
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("sim-config").textContent);
  const RANK = { pending: 0, accepted: 1, sent: 2, delivered: 3, read: 4, failed: 5 };
  const TICKS = {
    pending: ["🕓", "Enviando"], accepted: ["🕓", "Enviando"], sent: ["✓", "Enviado"],
    delivered: ["✓✓", "Entregado"], read: ["✓✓", "Leído"], failed: ["!", "No entregado"],
  };
  const TYPING_MS = 25000; // WhatsApp hides the typing indicator after 25 s without a reply
  const STORE_KEY = "recepta-simulator-patients";

  const els = {
    list: document.getElementById("patient-list"),
    messages: document.getElementById("messages"),
    typing: document.getElementById("typing"),
    status: document.getElementById("chat-status"),
    current: document.getElementById("current-patient"),
    composer: document.getElementById("composer"),
    input: document.getElementById("message-input"),
    newPatient: document.getElementById("new-patient"),
    sheet: document.getElementById("list-sheet"),
    sheetTitle: document.getElementById("sheet-title"),
    sheetSections: document.getElementById("sheet-sections"),
    sheetClose: document.getElementById("sheet-close"),
    undeliverable: document.getElementById("undeliverable"),
  };

  const saved = JSON.parse(localStorage.getItem(STORE_KEY) || "[]");
  const patients = [...config.patients, ...saved.filter((p) => !config.patients.some((c) => c.phone === p.phone))];
  const chats = new Map(); // phone -> Map(id -> message)
  const unread = new Map();
  const earlyStatus = new Map(); // id -> status that arrived before its message
  let current = null;
  let typingTimer = null;
  let readQueue = [];

  function chat(phone) {
    if (!chats.has(phone)) chats.set(phone, new Map());
    return chats.get(phone);
  }

  function timeOf(ts) {
    const d = new Date(ts * 1000);
    return d.toLocaleTimeString("es-ES", { hour: "2-digit", minute: "2-digit" });
  }

  // --- patients ----------------------------------------------------------------------------------

  function renderPatients() {
    els.list.replaceChildren();
    for (const p of patients) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "patient" + (p.phone === current ? " active" : "");
      button.dataset.phone = p.phone;
      button.setAttribute("aria-pressed", String(p.phone === current));
      const name = document.createElement("span");
      name.className = "patient-name";
      name.textContent = p.name;
      const phone = document.createElement("span");
      phone.className = "patient-phone";
      phone.textContent = "+" + p.phone;
      button.append(name, phone);
      const count = unread.get(p.phone) || 0;
      if (count) {
        const badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = String(count);
        badge.setAttribute("aria-label", `${count} sin leer`);
        button.append(badge);
      }
      button.addEventListener("click", () => selectPatient(p.phone));
      li.append(button);
      els.list.append(li);
    }
  }

  function patient(phone) {
    return patients.find((p) => p.phone === phone);
  }

  async function selectPatient(phone) {
    current = phone;
    unread.delete(phone);
    els.current.textContent = patient(phone).name;
    hideTyping();
    renderPatients();
    const response = await fetch(`/simulator/api/chats/${phone}`);
    const body = await response.json();
    els.undeliverable.checked = body.undeliverable;
    const messages = chat(phone);
    for (const m of body.messages) messages.set(m.id, m);
    renderChat();
    els.input.focus();
  }

  els.newPatient.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = els.newPatient.elements.name.value.trim();
    const phone = els.newPatient.elements.phone.value.trim();
    if (!name || !/^[0-9]{6,15}$/.test(phone)) return;
    if (!patient(phone)) {
      patients.push({ name, phone });
      saved.push({ name, phone });
      localStorage.setItem(STORE_KEY, JSON.stringify(saved));
    }
    els.newPatient.reset();
    selectPatient(phone);
  });

  // --- bubbles -----------------------------------------------------------------------------------

  function renderChat() {
    els.messages.replaceChildren();
    for (const m of chat(current).values()) els.messages.append(bubble(m));
    scrollDown();
    markRead([...chat(current).values()]);
  }

  function scrollDown() {
    els.messages.scrollTop = els.messages.scrollHeight;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function bubble(m) {
    const mine = m.direction === "in"; // the patient's own message, as seen on the patient's phone
    const row = el("div", "bubble-row " + (mine ? "mine" : "bot"));
    row.dataset.id = m.id;
    row.dataset.type = m.type;
    const box = el("div", "bubble");
    if (m.header) box.append(el("div", "bubble-header", m.header));
    if (m.type === "template") box.append(el("div", "template-name", `Plantilla · ${m.template.name}`));
    const body = el("div", "bubble-text");
    body.innerHTML = window.formatWhatsApp(m.text || "");
    box.append(body);
    if (m.footer) box.append(el("div", "bubble-footer", m.footer));
    const meta = el("div", "meta");
    meta.append(el("time", "", timeOf(m.timestamp)));
    if (mine) meta.append(ticks(m.status));
    box.append(meta);
    row.append(box);
    if (m.type === "buttons") row.append(replyButtons(m, m.buttons, "button_reply"));
    if (m.type === "template" && m.template.quick_replies.length) {
      row.append(replyButtons(m, m.template.quick_replies.map((p) => ({ id: p, title: p })), "button"));
    }
    if (m.type === "list") row.append(listButton(m));
    if (!mine && m.status === "failed") markUndelivered(row);
    return row;
  }

  // Recepta was told the message failed; a real phone would never show it, the simulator does, greyed.
  function markUndelivered(row) {
    if (row.classList.contains("undelivered")) return;
    row.classList.add("undelivered");
    row.append(el("p", "undelivered-note", "No entregado (error 131026)"));
  }

  function ticks(status) {
    const [symbol, label] = TICKS[status] || TICKS.pending;
    const span = el("span", "ticks " + status, symbol);
    span.setAttribute("role", "img");
    span.setAttribute("aria-label", label);
    span.dataset.status = status;
    return span;
  }

  function replyButtons(m, buttons, kind) {
    const group = el("div", "reply-buttons");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Respuestas rápidas");
    for (const b of buttons) {
      const button = el("button", "reply-button", b.title);
      button.type = "button";
      button.addEventListener("click", () => sendReply(kind, b, m.id));
      group.append(button);
    }
    return group;
  }

  function listButton(m) {
    const button = el("button", "reply-button list-open", "☰ " + m.list.button);
    button.type = "button";
    button.setAttribute("aria-haspopup", "dialog");
    button.addEventListener("click", () => openSheet(m));
    const group = el("div", "reply-buttons");
    group.append(button);
    return group;
  }

  function openSheet(m) {
    els.sheetTitle.textContent = m.list.button;
    els.sheetSections.replaceChildren();
    for (const section of m.list.sections) {
      const block = el("section", "sheet-section");
      if (section.title) block.append(el("h4", "", section.title));
      for (const row of section.rows) {
        const button = el("button", "sheet-row");
        button.type = "button";
        button.append(el("span", "row-title", row.title));
        if (row.description) button.append(el("span", "row-description", row.description));
        button.addEventListener("click", () => {
          closeSheet();
          sendReply("list_reply", row, m.id);
        });
        block.append(button);
      }
      els.sheetSections.append(block);
    }
    els.sheet.hidden = false;
    els.sheetClose.focus();
  }

  function closeSheet() {
    els.sheet.hidden = true;
    els.input.focus();
  }

  els.sheetClose.addEventListener("click", closeSheet);
  els.sheet.addEventListener("click", (event) => { if (event.target === els.sheet) closeSheet(); });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape" && !els.sheet.hidden) closeSheet(); });

  // --- live updates ------------------------------------------------------------------------------

  function upsert(m) {
    const messages = chat(m.phone);
    const known = messages.get(m.id);
    if (known) return;
    const early = earlyStatus.get(m.id);
    if (early && RANK[early] > RANK[m.status]) m.status = early;
    earlyStatus.delete(m.id);
    messages.set(m.id, m);
    if (m.direction === "out") hideTyping(m.phone);
    if (m.phone !== current) {
      if (m.direction === "out") unread.set(m.phone, (unread.get(m.phone) || 0) + 1);
      renderPatients();
      return;
    }
    els.messages.append(bubble(m));
    scrollDown();
    markRead([m]);
  }

  function applyStatus(phone, id, status) {
    const m = chat(phone).get(id);
    if (!m) { earlyStatus.set(id, status); return; }
    if (RANK[status] <= RANK[m.status]) return;
    m.status = status;
    if (phone !== current) return;
    if (m.direction === "out") {
      const row = els.messages.querySelector(`[data-id="${CSS.escape(id)}"]`);
      if (row && status === "failed") markUndelivered(row);
      return;
    }
    const old = els.messages.querySelector(`[data-id="${CSS.escape(id)}"] .ticks`);
    if (old) old.replaceWith(ticks(status));
  }

  function showTyping(phone) {
    if (phone !== current) return;
    els.typing.hidden = false;
    els.status.textContent = "escribiendo…";
    els.messages.append(els.typing);
    scrollDown();
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => hideTyping(phone), TYPING_MS);
  }

  function hideTyping(phone) {
    if (phone && phone !== current) return;
    clearTimeout(typingTimer);
    els.typing.hidden = true;
    els.status.textContent = "en línea";
  }

  // The phone shows bot messages: tell the stand-in, which posts `read` statuses to Recepta.
  function markRead(messages) {
    if (document.visibilityState !== "visible") return;
    readQueue.push(...messages.filter((m) => m.direction === "out" && m.phone === current).map((m) => m.id));
    if (!readQueue.length) return;
    const ids = readQueue;
    readQueue = [];
    fetch("/simulator/api/read", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone: current, ids: ids.slice(-200) }),
    });
  }

  els.undeliverable.addEventListener("change", () => {
    fetch(`/simulator/api/patients/${current}/deliverability`, {
      method: "PUT", headers: { "content-type": "application/json" },
      body: JSON.stringify({ undeliverable: els.undeliverable.checked }),
    });
  });

  document.addEventListener("visibilitychange", () => { if (current) markRead([...chat(current).values()]); });

  function connect() {
    const source = new EventSource("/simulator/api/events");
    source.addEventListener("ready", () => { if (current) selectPatient(current); });
    source.addEventListener("message", (event) => upsert(JSON.parse(event.data)));
    source.addEventListener("status", (event) => {
      const s = JSON.parse(event.data);
      applyStatus(s.phone, s.id, s.status);
    });
    source.addEventListener("typing", (event) => showTyping(JSON.parse(event.data).phone));
  }

  // --- sending -----------------------------------------------------------------------------------

  async function send(body) {
    const p = patient(current);
    const response = await fetch("/simulator/api/send", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone: p.phone, name: p.name, ...body }),
    });
    if (!response.ok) return;
    const result = await response.json();
    applyStatus(p.phone, result.id, result.status);
  }

  function sendReply(kind, item, contextId) {
    const reply = { kind, id: item.id, title: item.title, context_id: contextId };
    if (item.description) reply.description = item.description;
    send({ reply });
  }

  els.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = els.input.value;
    if (!text.trim()) return;
    els.input.value = "";
    send({ text });
  });

  renderPatients();
  selectPatient(patients[0].phone);
  connect();
})();
