// The door's camera: where the browser has the Shape Detection API (BarcodeDetector,
// Chrome on Android and others), a button turns the back camera on, and the first QR code
// seen is put into the text box and submitted. Elsewhere the text box alone is used
// (typed, pasted, or filled by a hardware scanner acting as a keyboard).
(function () {
  'use strict';
  var button = document.getElementById('scan-button');
  var form = document.getElementById('checkin-form');
  var input = document.getElementById('checkin-code');
  var box = document.getElementById('scanner');
  var video = document.getElementById('scanner-video');
  var status = document.getElementById('scanner-status');
  if (!button || !form || !input) { return; }
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
  button.hidden = false;
  var stream = null;

  function stop() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    box.hidden = true;
  }

  button.addEventListener('click', function () {
    if (stream) { stop(); return; }
    var detector;
    try { detector = new window.BarcodeDetector({ formats: ['qr_code'] }); } catch (e) { status.textContent = button.dataset.noCamera; return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      box.hidden = false;
      status.textContent = button.dataset.scanning;
      return video.play().then(function () {
        var tick = function () {
          if (!stream) { return; }
          detector.detect(video).then(function (codes) {
            var hit = codes.find(function (c) { return c.rawValue && c.rawValue.indexOf('ZJF') === 0; });
            if (hit) { input.value = hit.rawValue; stop(); form.submit(); } else { setTimeout(tick, 200); }
          }).catch(function () { setTimeout(tick, 400); });
        };
        tick();
      });
    }).catch(function () {
      stop();
      box.hidden = false;
      status.textContent = button.dataset.noCamera;
    });
  });
})();
