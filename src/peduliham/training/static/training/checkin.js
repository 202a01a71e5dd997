/* The registration desk: camera scanning with jsQR, offline signature checks, posting check-ins.
 *
 * A ticket code is "PH1.<event>.<enrollment>.<Ed25519 signature, base64url>" over
 * "PH1.<event>.<enrollment>". The page carries the public key (data-public-key),
 * so a forged code is refused here at once, without a request. Genuine codes and
 * search results are POSTed (with the form's CSRF token) and the server's HTML
 * answer is put in the live region. Without JavaScript the forms post normally.
 */
(function () {
  "use strict";

  var scanner = document.getElementById("checkin-scanner");
  var output = document.getElementById("checkin-result");
  if (!scanner || !output) {
    return;
  }
  var text = scanner.dataset;
  var eventId = text.eventId;
  var keyPromise = null;
  var REPEAT_MS = 3000;

  function unbase64url(value) {
    var padded = value.replace(/-/g, "+").replace(/_/g, "/");
    padded += "===".slice((padded.length + 3) % 4);
    var binary = atob(padded);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }

  function publicKey() {
    if (!keyPromise) {
      keyPromise = crypto.subtle
        .importKey("raw", unbase64url(text.publicKey), { name: "Ed25519" }, false, ["verify"])
        .catch(function () {
          return null; // no Ed25519 in this browser: the server still checks every code
        });
    }
    return keyPromise;
  }

  /* "genuine", "forged", "other-event" or "unknown" (cannot check here). */
  function checkCode(code) {
    var parts = code.trim().split(".");
    if (parts.length !== 4 || parts[0] !== "PH1" || !/^\d+$/.test(parts[1]) || !/^\d+$/.test(parts[2])) {
      return Promise.resolve("forged");
    }
    if (!window.crypto || !crypto.subtle) {
      return Promise.resolve("unknown");
    }
    var signature;
    try {
      signature = unbase64url(parts[3]);
    } catch (error) {
      return Promise.resolve("forged");
    }
    var message = new TextEncoder().encode(parts.slice(0, 3).join("."));
    return publicKey().then(function (key) {
      if (!key) {
        return "unknown";
      }
      return crypto.subtle.verify({ name: "Ed25519" }, key, signature, message).then(function (ok) {
        if (!ok) {
          return "forged";
        }
        return parts[1] === eventId ? "genuine" : "other-event";
      });
    }).catch(function () {
      return "forged";
    });
  }

  function show(kind, message) {
    var box = document.createElement("div");
    box.className = "alert alert--error";
    box.dataset.outcome = kind;
    var line = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = message;
    line.appendChild(strong);
    box.appendChild(line);
    output.replaceChildren(box);
  }

  function deskName() {
    var field = document.querySelector("[data-verify-code] [name=meja]");
    return field ? field.value : "";
  }

  function post(form, extra) {
    var data = new FormData(form);
    if (!data.get("meja")) {
      data.set("meja", deskName());
    }
    Object.keys(extra || {}).forEach(function (name) {
      data.set(name, extra[name]);
    });
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "HX-Request": "true" },
    })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        output.innerHTML = html; // our own server's escaped fragment
        document.body.dispatchEvent(new CustomEvent("checkin-recorded"));
      })
      .catch(function () {
        show("refused", text.textNetworkError);
      });
  }

  function submitCode(form, code) {
    return checkCode(code).then(function (verdict) {
      if (verdict === "forged") {
        show("forged", text.textForged);
      } else if (verdict === "other-event") {
        show("refused", text.textOtherEvent);
      } else {
        return post(form, { kode: code.trim() });
      }
    });
  }

  var manual = document.querySelector("[data-verify-code]");

  document.querySelectorAll("[data-checkin-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var field = form.querySelector("[name=kode]");
      var done = field ? submitCode(form, field.value) : post(form);
      done.then(function () {
        if (field) {
          field.value = "";
          field.focus();
        }
      });
    });
  });

  /* The camera. */
  var video = scanner.querySelector("[data-scanner-video]");
  var start = scanner.querySelector("[data-scanner-start]");
  var stop = scanner.querySelector("[data-scanner-stop]");
  var state = scanner.querySelector("[data-scanner-state]");
  var canvas = document.createElement("canvas");
  var stream = null;
  var lastCode = "";
  var lastAt = 0;

  function setRunning(running) {
    start.hidden = running;
    stop.hidden = !running;
    video.hidden = !running;
    state.textContent = running ? text.textScanning : text.textStopped;
  }

  function frame() {
    if (!stream) {
      return;
    }
    if (video.readyState >= video.HAVE_ENOUGH_DATA && window.jsQR) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      var now = Date.now();
      if (found && found.data && (found.data !== lastCode || now - lastAt > REPEAT_MS)) {
        lastCode = found.data;
        lastAt = now;
        submitCode(manual, found.data);
      }
    }
    requestAnimationFrame(frame);
  }

  function startCamera() {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        return video.play();
      })
      .then(function () {
        setRunning(true);
        requestAnimationFrame(frame);
      })
      .catch(function () {
        stopCamera();
        state.textContent = text.textCameraError;
      });
  }

  function stopCamera() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    stream = null;
    video.srcObject = null;
    setRunning(false);
  }

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia && start && manual) {
    start.hidden = false;
    start.addEventListener("click", startCamera);
    stop.addEventListener("click", function () {
      stopCamera();
      start.focus();
    });
  }
})();
