// The service worker of the fairs' offline pages (issue 16), served at /fairs/sw.js with
// its scope /fairs/. The server puts `var PRECACHE = [...]` (the hashed addresses of the
// styles and scripts the pages need) in front of this file.
//
// - The styles and scripts: kept at install; answered from the cache first (their names
//   carry their content's hash, so a cached copy is never stale).
// - The door's check-in page and a student's ticket page (/fairs/<id>/checkin,
//   /fairs/<id>/code): from the network while it answers within a few seconds (and the
//   copy refreshed), else the copy kept on the phone.
// - Everything else, the API included, goes to the network untouched: scans are queued
//   and synced by the page itself (fairs-offline.js).
/* global PRECACHE */
'use strict';

var STATIC_CACHE = 'zj-fairs-static-v1';
var PAGE_CACHE = 'zj-fairs-pages-v1';
var OFFLINE_PAGE = /^\/fairs\/\d+\/(checkin|code)$/;

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE).then(function (c) { return c.addAll(PRECACHE); }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE).then(function (c) {
      // Drop the files of earlier releases.
      return c.keys().then(function (reqs) {
        return Promise.all(reqs.map(function (r) {
          var path = new URL(r.url).pathname;
          return PRECACHE.indexOf(path) === -1 ? c.delete(r) : null;
        }));
      });
    }).then(function () { return self.clients.claim(); })
  );
});

function withTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var t = setTimeout(function () { reject(new Error('timeout')); }, ms);
    promise.then(function (v) { clearTimeout(t); resolve(v); }, function (e) { clearTimeout(t); reject(e); });
  });
}

function offlinePage() {
  var html = '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    '<title>离线</title><p>当前没有网络，且本页面尚未在此设备上打开过，无法离线显示。请联网后打开一次。</p></html>';
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (req.method !== 'GET') { return; }
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf('/static/') === 0) {
    event.respondWith(caches.match(req).then(function (hit) {
      return hit || fetch(req).then(function (resp) {
        if (resp.ok) {
          var copy = resp.clone();
          caches.open(STATIC_CACHE).then(function (c) { c.put(req, copy); });
        }
        return resp;
      });
    }));
    return;
  }
  if (OFFLINE_PAGE.test(url.pathname)) {
    var key = url.origin + url.pathname;
    event.respondWith(withTimeout(fetch(req), 4000).then(function (resp) {
      if (resp.ok && !resp.redirected) {
        var copy = resp.clone();
        caches.open(PAGE_CACHE).then(function (c) { c.put(key, copy); });
      }
      return resp;
    }).catch(function () {
      return caches.open(PAGE_CACHE).then(function (c) { return c.match(key); }).then(function (hit) { return hit || offlinePage(); });
    }));
  }
});
