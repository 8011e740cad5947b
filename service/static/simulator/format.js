// WhatsApp text markup (*bold*, _italic_, ~strike~, ```mono```) and clickable links, rendered safely:
// the text is HTML-escaped first, so the only tags in the result are the ones added here.
"use strict";

(function (global) {
  const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  const URL_RE = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
  }

  // A marker must hug the word on both sides, as WhatsApp requires ("2 * 3 * 4" stays plain).
  function markup(escaped) {
    return escaped
      .replace(/```([^`]+?)```/g, "<code>$1</code>")
      .replace(/(^|[\s(¡¿])\*(\S(?:[^*\n]*\S)?)\*(?=$|[\s).,;:!?])/g, "$1<strong>$2</strong>")
      .replace(/(^|[\s(¡¿])_(\S(?:[^_\n]*\S)?)_(?=$|[\s).,;:!?])/g, "$1<em>$2</em>")
      .replace(/(^|[\s(¡¿])~(\S(?:[^~\n]*\S)?)~(?=$|[\s).,;:!?])/g, "$1<s>$2</s>");
  }

  function formatWhatsApp(text) {
    let html = "";
    let last = 0;
    for (const match of text.matchAll(URL_RE)) {
      html += markup(escapeHtml(text.slice(last, match.index)));
      const url = escapeHtml(match[0]);
      html += `<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`;
      last = match.index + match[0].length;
    }
    html += markup(escapeHtml(text.slice(last)));
    return html.replace(/\n/g, "<br>");
  }

  global.formatWhatsApp = formatWhatsApp;
})(window);
