// Fair pages that keep working without a network (issue 16).
//
// On every page that loads this file (the door's check-in page, a student's ticket):
// the service worker /fairs/sw.js is registered and the page puts a copy of itself in the
// cache, so that it opens on this phone without a network.
//
// On the door's page (#offline-door): the fair's bundle (/api/v1/fairs/<id>/offline: the
// Ed25519 public key, the sign-up list, the fairs' titles and the refusal messages) is
// kept in IndexedDB. A submitted code is checked here, in the server's order and words:
// empty, malformed, forged (WebCrypto Ed25519, or the vendored TweetNaCl where the
// browser lacks it), another fair's, a fair not taking check-ins, already used (on the
// list, or scanned on this phone). A good code is queued in IndexedDB with a scan id, the
// time and this phone's id, shown at once, and synced to /api/v1/fairs/<id>/scans when
// the network answers; the server's verdict (synced, or a duplicate of another phone's
// scan) is kept and shown.
(function () {
  'use strict';
  var PAGE_CACHE = 'zj-fairs-pages-v1';

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/fairs/sw.js', { scope: '/fairs/' }).catch(function () {});
  }
  if (window.caches && /^\/fairs\/\d+\/(checkin|code)$/.test(location.pathname)) {
    var here = location.origin + location.pathname;
    fetch(here, { credentials: 'same-origin' }).then(function (resp) {
      if (resp.ok && !resp.redirected) {
        return caches.open(PAGE_CACHE).then(function (c) { return c.put(here, resp); });
      }
    }).catch(function () {});
  }

  var door = document.getElementById('offline-door');
  var form = document.getElementById('checkin-form');
  var input = document.getElementById('checkin-code');
  if (!door || !form || !input || !window.indexedDB) { return; }
  var fairId = Number(door.dataset.fair);
  var csrfField = form.querySelector('input[name=_csrf]');
  var csrf = csrfField ? csrfField.value : '';
  var bundle = null;
  var syncing = false;

  // ------------------------------------------------------------ storage

  var dbPromise = new Promise(function (resolve, reject) {
    var req = indexedDB.open('zhijiao-fairs', 1);
    req.onupgradeneeded = function () {
      var db = req.result;
      db.createObjectStore('bundles', { keyPath: 'fair_id' });
      var scans = db.createObjectStore('scans', { keyPath: 'scan_id' });
      scans.createIndex('fair', 'fair_id');
    };
    req.onsuccess = function () { resolve(req.result); };
    req.onerror = function () { reject(req.error); };
  });

  function tx(store, mode, fn) {
    return dbPromise.then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(store, mode);
        var out = fn(t.objectStore(store));
        t.oncomplete = function () { resolve(out instanceof IDBRequest ? out.result : out); };
        t.onerror = function () { reject(t.error); };
        t.onabort = function () { reject(t.error); };
      });
    });
  }

  function scansOfFair() {
    return tx('scans', 'readonly', function (s) { return s.index('fair').getAll(fairId); }).then(function (list) {
      return (list || []).sort(function (a, b) { return a.scanned_at < b.scanned_at ? -1 : 1; });
    });
  }

  function putScan(scan) { return tx('scans', 'readwrite', function (s) { s.put(scan); }); }

  function deviceId() {
    var id = localStorage.getItem('zj-fairs-device');
    if (!id) { id = 'd-' + uuid(); localStorage.setItem('zj-fairs-device', id); }
    return id;
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  // ------------------------------------------------------------ the bundle

  function loadBundle() {
    return fetch('/api/v1/fairs/' + fairId + '/offline', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (b) { bundle = b; return tx('bundles', 'readwrite', function (s) { s.put(b); }); })
      .catch(function () {
        return tx('bundles', 'readonly', function (s) { return s.get(fairId); }).then(function (b) { if (b && !bundle) { bundle = b; } });
      })
      .then(render);
  }

  // ------------------------------------------------------------ checking a code here

  function b64url(s) {
    var t = s.replace(/-/g, '+').replace(/_/g, '/');
    while (t.length % 4) { t += '='; }
    var bin = atob(t);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }

  var webCryptoKey = null;
  function verifySignature(message, sig) {
    var pub = b64url(bundle.public_key);
    var nacl = function () { return !!(window.nacl && window.nacl.sign.detached.verify(message, sig, pub)); };
    if (!(window.crypto && crypto.subtle)) { return Promise.resolve(nacl()); }
    var key = webCryptoKey && webCryptoKey.pub === bundle.public_key
      ? Promise.resolve(webCryptoKey.key)
      : crypto.subtle.importKey('raw', pub, { name: 'Ed25519' }, false, ['verify']).then(function (k) { webCryptoKey = { pub: bundle.public_key, key: k }; return k; });
    return key.then(function (k) { return crypto.subtle.verify({ name: 'Ed25519' }, k, sig, message); }, function () { return nacl(); });
  }

  function chinaTime(iso) {
    var d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
    var p = function (n) { return ('0' + n).slice(-2); };
    return d.getUTCFullYear() + '-' + p(d.getUTCMonth() + 1) + '-' + p(d.getUTCDate()) + ' ' + p(d.getUTCHours()) + ':' + p(d.getUTCMinutes());
  }

  // Resolves to {refused: message} or {signup_id, person}.
  function check(presented) {
    var m = bundle.messages;
    var text = presented.trim();
    if (!text) { return Promise.resolve({ refused: m.empty }); }
    var parts = text.split('.');
    var number = /^(0|[1-9][0-9]{0,17})$/;
    // 86 characters of base64url carry 64 bytes and 4 spare bits, which must be zero.
    if (parts.length !== 4 || !number.test(parts[1]) || !number.test(parts[2]) || parts[0] !== 'ZJF2' ||
        !/^[A-Za-z0-9_-]{85}[AQgw]$/.test(parts[3])) {
      return Promise.resolve({ refused: m.malformed });
    }
    var codeFair = Number(parts[1]);
    var signupId = Number(parts[2]);
    var message = new TextEncoder().encode(parts[0] + '.' + parts[1] + '.' + parts[2]);
    return verifySignature(message, b64url(parts[3])).then(function (good) {
      if (!good) { return { refused: m.forged }; }
      if (codeFair !== fairId) {
        var title = bundle.fairs[String(codeFair)];
        return { refused: title ? m.other_fair.replace('{fair}', title) : m.other_fair_unnamed };
      }
      if (!bundle.accepts_checkins) { return { refused: m.status }; }
      var person = bundle.signups.filter(function (s) { return s.signup_id === signupId; })[0] || null;
      if (person && person.checked_in_at) { return { refused: m.used.replace('{time}', person.checked_in_at) }; }
      return scansOfFair().then(function (scans) {
        var earlier = scans.filter(function (s) { return s.signup_id === signupId; })[0];
        if (earlier) {
          if (earlier.state === 'conflict' || earlier.state === 'refused') { return { refused: earlier.message }; }
          return { refused: m.used.replace('{time}', chinaTime(earlier.scanned_at)) };
        }
        return { signup_id: signupId, person: person };
      });
    });
  }

  // ------------------------------------------------------------ showing results

  var result = document.getElementById('offline-result');
  function clearServerResult() {
    document.querySelectorAll('main [data-testid=checkin-ok], main [data-testid=checkin-refused]').forEach(function (el) {
      if (!result.contains(el)) { el.remove(); }
    });
    result.textContent = '';
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function showRefused(message) {
    clearServerResult();
    result.appendChild(el('div', { 'class': 'error-summary checkin-refused', role: 'alert', 'data-testid': 'checkin-refused' }, '✘ ' + message));
  }

  function showOk(scan) {
    clearServerResult();
    var pending = scan.state === 'queued';
    var card = el('article', { 'class': 'checkin-ok' + (pending ? ' checkin-pending' : ''), role: 'status', 'data-testid': 'checkin-ok', 'data-scan': scan.scan_id });
    card.appendChild(el('header', {}, '✔ ' + (pending ? door.dataset.pending : door.dataset.ok)));
    card.appendChild(el('p', { 'class': 'who', 'data-testid': 'checkin-name' }, scan.name || door.dataset.unlisted));
    var dl = el('dl', { 'class': 'facts' });
    [[door.dataset.school, scan.school, 'checkin-school'], [door.dataset.idNumber, scan.id_number, 'checkin-id'], [door.dataset.phone, scan.phone, 'checkin-phone']].forEach(function (f) {
      if (f[1]) { dl.appendChild(el('dt', {}, f[0])); dl.appendChild(el('dd', { 'data-testid': f[2] }, f[1])); }
    });
    card.appendChild(dl);
    result.appendChild(card);
  }

  function render() {
    document.getElementById('offline-net').textContent = navigator.onLine ? door.dataset.online : door.dataset.offline;
    document.getElementById('offline-list').textContent = bundle
      ? door.dataset.listAt + ' ' + chinaTime(bundle.generated_at) + '（' + bundle.signups.length + '）'
      : door.dataset.listNone;
    return scansOfFair().then(function (scans) {
      var count = function (state) { return scans.filter(function (s) { return s.state === state; }).length; };
      document.getElementById('offline-queued').textContent = String(count('queued'));
      document.getElementById('offline-synced').textContent = String(count('synced'));
      var conflicts = scans.filter(function (s) { return s.state === 'conflict' || s.state === 'refused'; });
      document.getElementById('offline-conflicts').textContent = String(conflicts.length);
      var list = document.getElementById('offline-conflict-list');
      list.textContent = '';
      conflicts.forEach(function (s) {
        list.appendChild(el('li', { 'data-testid': 'offline-conflict' }, (s.name || s.code) + '：' + s.message + '（' + chinaTime(s.scanned_at) + '）'));
      });
    });
  }

  // ------------------------------------------------------------ syncing

  function sync() {
    if (syncing) { return Promise.resolve(); }
    syncing = true;
    return scansOfFair().then(function (scans) {
      var queued = scans.filter(function (s) { return s.state === 'queued'; });
      if (!queued.length) { return; }
      var body = { scans: queued.map(function (s) { return { scan_id: s.scan_id, device_id: s.device_id, code: s.code, scanned_at: s.scanned_at }; }) };
      return fetch('/api/v1/fairs/' + fairId + '/scans', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify(body)
      }).then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); }).then(function (out) {
        var byId = {};
        queued.forEach(function (s) { byId[s.scan_id] = s; });
        var updates = out.results.map(function (res) {
          var s = byId[res.scan_id];
          if (!s) { return null; }
          s.state = res.outcome === 'accepted' ? 'synced' : res.outcome === 'duplicate' ? 'conflict' : 'refused';
          s.message = res.message;
          if (res.name) { s.name = res.name; s.school = res.school; }
          var card = result.querySelector('[data-scan="' + s.scan_id + '"]');
          if (card) { if (s.state === 'synced') { showOk(s); } else { showRefused(s.message); } }
          return putScan(s);
        });
        var count = document.querySelector('[data-testid=checkin-count]');
        if (count) { count.textContent = String(out.checked_in); }
        return Promise.all(updates).then(loadBundle);
      });
    }).catch(function () {}).then(function () { syncing = false; return render(); });
  }

  // ------------------------------------------------------------ the form

  form.addEventListener('submit', function (event) {
    if (!bundle) { return; } // nothing to check with yet: the server decides
    event.preventDefault();
    var presented = input.value;
    input.value = '';
    check(presented).then(function (c) {
      if (c.refused) { showRefused(c.refused); return; }
      var p = c.person || {};
      var scan = {
        scan_id: uuid(), fair_id: fairId, device_id: deviceId(), code: presented.trim(), signup_id: c.signup_id,
        scanned_at: new Date().toISOString(), state: 'queued', message: '',
        name: p.name || '', school: p.school || '', id_number: p.id_number || '', phone: p.phone || ''
      };
      return putScan(scan).then(function () { showOk(scan); return render(); }).then(sync);
    }).then(function () { input.focus(); });
  });

  document.getElementById('offline-sync').addEventListener('click', function () { sync(); });
  window.addEventListener('online', function () { render(); sync(); });
  window.addEventListener('offline', render);
  setInterval(sync, 15000);
  loadBundle().then(sync);
})();
