// Exam page: saves each choice at once, counts down to the server's deadline,
// and keeps unsent answers on the device until the connection returns.
// Without this file the page is a plain form that saves on every button.
(function () {
  "use strict";

  var form = document.querySelector("[data-exam-form]");
  if (!form) { return; }
  var status = document.getElementById("exam-status");
  var answerUrl = form.dataset.answerUrl;
  var storeKey = "peduliham-exam-" + form.dataset.exam;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var pending = load();
  var sending = false;
  var retryDelay = 2000;
  var closed = false;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(storeKey) || "{}"); }
    catch (e) { return {}; }
  }

  function store() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(pending)); }
    catch (e) { /* private mode: the queue lives in memory only */ }
  }

  function say(text) { if (status) { status.textContent = text; } }

  function mark(questionId, text) {
    var note = form.querySelector("[data-saved-for='" + questionId + "']");
    if (note) { note.textContent = text; }
  }

  function numberOf(questionId) {
    var box = form.querySelector("[data-question='" + questionId + "'] .exam-question__number");
    var match = box ? box.textContent.match(/\d+/) : null;
    return match ? match[0] : "";
  }

  function sendOne(questionId) {
    var body = JSON.stringify({ soal: Number(questionId), pilihan: Number(pending[questionId]) });
    var sent = pending[questionId];
    return fetch(answerUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: body
    }).then(function (response) {
      if (response.ok || response.status === 400) {
        if (pending[questionId] === sent) { delete pending[questionId]; store(); }
        if (response.ok) {
          mark(questionId, form.dataset.msgDone);
          say(form.dataset.msgSaved.replace("%s", numberOf(questionId)));
        }
        return true;
      }
      if (response.status === 409 || response.status === 404) {
        closed = true;
        pending = {};
        store();
        say(form.dataset.msgClosed);
        window.location.assign(form.dataset.takeUrl);
        return true;
      }
      throw new Error("HTTP " + response.status);
    });
  }

  function flush() {
    var ids = Object.keys(pending);
    if (sending || closed || ids.length === 0) { return Promise.resolve(); }
    sending = true;
    return ids.reduce(function (chain, id) {
      return chain.then(function () { return sendOne(id); });
    }, Promise.resolve()).then(function () {
      sending = false;
      retryDelay = 2000;
      if (Object.keys(pending).length) { return flush(); }
      return undefined;
    }, function () {
      sending = false;
      Object.keys(pending).forEach(function (id) { mark(id, form.dataset.msgPending); });
      say(navigator.onLine === false ? form.dataset.msgOffline : form.dataset.msgPending);
      window.setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    });
  }

  // Choices made on this device but not yet confirmed by the server win over
  // what the server rendered: they are newer.
  Object.keys(pending).forEach(function (id) {
    var radio = form.querySelector("input[name='soal-" + id + "'][value='" + pending[id] + "']");
    if (radio) { radio.checked = true; mark(id, form.dataset.msgPending); }
  });

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.name || input.name.indexOf("soal-") !== 0) { return; }
    var questionId = input.name.slice(5);
    pending[questionId] = input.value;
    store();
    mark(questionId, form.dataset.msgSaving);
    flush();
  });

  form.addEventListener("submit", function (event) {
    // Offline, moving on would lose the page; the choice is queued already.
    if (navigator.onLine === false) {
      event.preventDefault();
      say(form.dataset.msgOffline);
    }
  });

  window.addEventListener("online", flush);
  flush();

  // The countdown follows the server's clock: the offset is measured once at load.
  var timer = document.querySelector("[data-deadline]");
  if (!timer) { return; }
  var left = timer.querySelector("[data-countdown]");
  var deadline = Date.parse(timer.dataset.deadline);
  var offset = Date.parse(timer.dataset.now) - Date.now();
  var warned = {};

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var ms = deadline - (Date.now() + offset);
    var seconds = Math.max(0, Math.floor(ms / 1000));
    left.textContent = form.dataset.msgLeft + " " + Math.floor(seconds / 60) + ":" + pad(seconds % 60);
    [5, 1].forEach(function (minutes) {
      if (seconds <= minutes * 60 && seconds > 0 && !warned[minutes]) {
        warned[minutes] = true;
        say(form.dataset.msgMinutes.replace("%s", minutes));
      }
    });
    if (seconds === 0) {
      window.clearInterval(interval);
      flush().then(function () { window.location.assign(form.dataset.takeUrl); });
    }
  }

  left.hidden = false;
  var interval = window.setInterval(tick, 1000);
  tick();
})();
