/*
 * Coding a passage: fills the form's hidden start/end fields (and shows the quote) from the
 * text the user selects in the source. Offsets are Unicode code points into the stored text:
 * every run of text in the page carries its start offset (data-start), and labels inserted
 * after coded passages carry the offset they stand at (data-at), so they never count.
 * Without this script the user types or pastes the quote, and the server finds it.
 */
(function () {
  "use strict";

  var text = document.querySelector("[data-coding-text]");
  var form = document.querySelector("[data-coding-form]");
  if (!text || !form) {
    return;
  }
  var startField = form.querySelector("[data-coding-start]");
  var endField = form.querySelector("[data-coding-end]");
  var quoteField = form.querySelector("[data-coding-quote]");
  var status = form.querySelector("[data-coding-status]");
  var length = parseInt(text.getAttribute("data-length"), 10) || 0;
  var filling = false;

  function codePoints(s) {
    // Array.from splits by code point, so a character outside the BMP counts once.
    return Array.from(s).length;
  }

  function runOf(node) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    while (el && el !== text) {
      if (el.hasAttribute("data-start") || el.hasAttribute("data-at")) {
        return el;
      }
      el = el.parentElement;
    }
    return null;
  }

  function offsetOf(node, offset) {
    if (node === text) {
      // Between child elements: the offset of the child after the point, or the end.
      var child = text.childNodes[offset];
      while (child && child.nodeType !== 1) {
        child = child.nextSibling;
      }
      if (!child) {
        return length;
      }
      return parseInt(child.getAttribute("data-start") || child.getAttribute("data-at"), 10);
    }
    var run = runOf(node);
    if (!run) {
      return null;
    }
    if (run.hasAttribute("data-at")) {
      return parseInt(run.getAttribute("data-at"), 10);
    }
    var start = parseInt(run.getAttribute("data-start"), 10);
    if (node.nodeType === 3) {
      return start + codePoints(node.data.slice(0, offset));
    }
    // An element boundary inside the run: before or after its text.
    return offset === 0 ? start : start + codePoints(run.textContent);
  }

  function rawText(from, to) {
    var out = "";
    var runs = text.querySelectorAll("[data-start]");
    for (var i = 0; i < runs.length; i += 1) {
      var start = parseInt(runs[i].getAttribute("data-start"), 10);
      var chars = Array.from(runs[i].textContent);
      var end = start + chars.length;
      if (end <= from || start >= to) {
        continue;
      }
      out += chars.slice(Math.max(0, from - start), Math.min(chars.length, to - start)).join("");
    }
    return out;
  }

  function onSelection() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) {
      return;
    }
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) {
      return;
    }
    filling = true;
    startField.value = String(start);
    endField.value = String(end);
    quoteField.value = rawText(start, end);
    filling = false;
    if (status) {
      // The sentence comes translated from the page: "… {start}–{end} …".
      status.textContent = (status.getAttribute("data-template") || "{start}–{end}")
        .replace("{start}", String(start))
        .replace("{end}", String(end));
    }
  }

  document.addEventListener("selectionchange", function () {
    window.clearTimeout(onSelection.timer);
    onSelection.timer = window.setTimeout(onSelection, 150);
  });

  // Typing in the quote box means the quote is what counts, not an earlier selection.
  quoteField.addEventListener("input", function () {
    if (!filling) {
      startField.value = "";
      endField.value = "";
      if (status) {
        status.textContent = "";
      }
    }
  });
})();
