#!/usr/bin/env node
// Real-browser playback check for media-connector outputs.
//
//   node browser-tests/play.mjs --type HLS|DASH|Streaming|Progressive --url <playback url>
//        --screenshot <png path> [--timeout-ms 60000] [--bearer <token>] [--clearkey-url <license url>]
//
// --clearkey-url (DASH only): dashjs gets setProtectionData({"org.w3.clearkey":{serverURL}}) and
// asks that URL for the keys of CENC content (POST {"kids":[…],"type":"temporary"} → JWK set);
// with --bearer the license request carries the Authorization header too. AES-128 HLS needs no
// option: hls.js fetches the key from the playlist's #EXT-X-KEY URI (with the bearer, if given).
//
// Serves a tiny test page from 127.0.0.1:<random port> (player scripts come from node_modules,
// never from a CDN), opens it in Debian's Chromium (/usr/bin/chromium, or $CHROMIUM_PATH)
// through playwright-core, plays the URL muted and waits until video.currentTime > 2 with no
// error. The media URL is on another origin than the page, so the media server must send CORS
// headers: nothing here relaxes web security.
//
// stdout: exactly one JSON line
//   {"ok":bool,"type":…,"url":…,"currentTime":…,"errors":[…],"videoWidth":…,"videoHeight":…,…}
// exit code: 0 ok, 1 playback failed, 2 usage error, 3 environment missing (node_modules,
// Chromium). Diagnostics go to stderr.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const TYPES = { hls: 'HLS', dash: 'DASH', streaming: 'Streaming', smooth: 'Streaming', mss: 'Streaming', progressive: 'Progressive' };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--autoplay-policy=no-user-gesture-required'];
const TARGET_SECONDS = 2;
const t0 = Date.now();
let printed = false;
const result = { ok: false, type: null, url: null, currentTime: 0, errors: [], videoWidth: 0, videoHeight: 0 };

function finish(code, extra = {}) {
  if (printed) return;
  printed = true;
  Object.assign(result, extra);
  result.totalMs = Date.now() - t0;
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exitCode = code;
}
function fail(code, message) { result.errors.push(message); finish(code); process.exit(code); }
const log = (...m) => process.stderr.write(`[play] ${m.join(' ')}\n`);

// ---- arguments --------------------------------------------------------------------------------
function parseArgs(argv) {
  const o = { timeoutMs: 60000 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => { if (i + 1 >= argv.length) fail(2, `usage: ${k} needs a value`); return argv[++i]; };
    switch (k) {
      case '--type': o.type = v(); break;
      case '--url': o.url = v(); break;
      case '--screenshot': o.screenshot = v(); break;
      case '--timeout-ms': o.timeoutMs = Number(v()); break;
      case '--bearer': o.bearer = v(); break;
      case '--clearkey-url': o.clearkeyUrl = v(); break;
      case '-h': case '--help':
        process.stderr.write('usage: play.mjs --type HLS|DASH|Streaming|Progressive --url <url> --screenshot <png> [--timeout-ms 60000] [--bearer <token>] [--clearkey-url <url>]\n');
        process.exit(2);
      default: fail(2, `usage: unknown argument ${k}`);
    }
  }
  const type = TYPES[String(o.type || '').toLowerCase()];
  if (!type) fail(2, `usage: --type must be HLS, DASH, Streaming or Progressive (got ${o.type})`);
  o.type = type; result.type = type;
  if (!o.url || !/^https?:\/\//.test(o.url)) fail(2, `usage: --url must be an http(s) URL (got ${o.url})`);
  result.url = o.url;
  if (o.clearkeyUrl !== undefined && (type !== 'DASH' || !/^https?:\/\//.test(o.clearkeyUrl))) fail(2, `usage: --clearkey-url needs --type DASH and an http(s) URL (got ${o.clearkeyUrl})`);
  if (!o.screenshot) fail(2, 'usage: --screenshot <png path> is required');
  if (!Number.isFinite(o.timeoutMs) || o.timeoutMs < 1000) fail(2, `usage: --timeout-ms must be >= 1000 (got ${o.timeoutMs})`);
  if (o.bearer && type === 'Progressive') {
    fail(2, 'usage: --bearer is not possible for Progressive: a plain <video src> cannot send an Authorization header; use a signed/tokenised URL');
  }
  return o;
}

// ---- environment ------------------------------------------------------------------------------
function resolveAssets() {
  const find = (spec, hint) => {
    try { return require.resolve(spec); } catch { fail(3, `environment: cannot find ${spec} in node_modules (${hint}); run "npm ci" at the repo root`); }
  };
  return {
    '/vendor/hls.min.js': find('hls.js/dist/hls.min.js', 'npm package hls.js 1.7.4'),
    '/vendor/dash.all.min.js': find('dashjs', 'npm package dashjs 5.2.1'),
    '/vendor/dash.mss.min.js': find('dashjs/mss', 'npm package dashjs 5.2.1'),
  };
}

async function loadPlaywright() {
  try { return (await import('playwright-core')).chromium; }
  catch (e) { fail(3, `environment: cannot load playwright-core (${e.code || e.message}); run "npm ci" at the repo root`); }
}

function checkChromium() {
  try { fs.accessSync(CHROMIUM, fs.constants.X_OK); }
  catch { fail(3, `environment: Chromium not found or not executable at ${CHROMIUM}; install it with "apt-get install -y chromium" (or set CHROMIUM_PATH)`); }
}

// ---- test page --------------------------------------------------------------------------------
function pageHtml(cfg) {
  const scripts = {
    HLS: ['/vendor/hls.min.js'],
    DASH: ['/vendor/dash.all.min.js'],
    Streaming: ['/vendor/dash.all.min.js', '/vendor/dash.mss.min.js'],
    Progressive: [],
  }[cfg.type];
  const json = JSON.stringify(cfg).replace(/</g, '\\u003c');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>media-connector playback: ${cfg.type}</title>
<style>html,body{margin:0;background:#222;color:#eee;font:14px sans-serif}video{display:block;width:960px;height:540px;background:#000}#s{padding:6px}</style>
${scripts.map((s) => `<script src="${s}"></script>`).join('\n')}
</head><body>
<video id="v" muted autoplay playsinline crossorigin="anonymous"></video>
<div id="s"></div>
<script>
(function () {
  var cfg = ${json};
  var video = document.getElementById('v');
  var errors = window.__errors = [];
  var warnings = window.__warnings = [];
  function err(src, msg) { errors.push(src + ': ' + msg); }
  function warn(src, msg) { if (warnings.length < 50) warnings.push(src + ': ' + msg); }
  window.addEventListener('error', function (e) { err('window', e.message); });
  window.addEventListener('unhandledrejection', function (e) { warn('unhandledrejection', String(e.reason && e.reason.message || e.reason)); });
  video.muted = true;
  video.addEventListener('error', function () {
    var e = video.error; err('video', 'MediaError code=' + (e && e.code) + ' ' + (e && e.message || ''));
  });
  function tryPlay() { var p = video.play(); if (p && p.catch) p.catch(function (e) { warn('play()', e.name + ' ' + e.message); }); }
  setInterval(function () {
    document.getElementById('s').textContent = cfg.type + '  t=' + video.currentTime.toFixed(2) + '  ' +
      video.videoWidth + 'x' + video.videoHeight + '  ' + cfg.url;
  }, 250);
  try {
    if (cfg.type === 'HLS') {
      if (typeof Hls === 'undefined') return err('page', 'hls.js did not load');
      if (!Hls.isSupported()) return err('hls.js', 'MediaSource not supported in this browser');
      var hlsCfg = { enableWorker: true };
      if (cfg.bearer) hlsCfg.xhrSetup = function (xhr) { xhr.setRequestHeader('Authorization', 'Bearer ' + cfg.bearer); };
      var hls = window.__player = new Hls(hlsCfg);
      hls.on(Hls.Events.ERROR, function (ev, d) {
        var m = d.type + '/' + d.details + (d.response && d.response.code !== undefined ? ' HTTP ' + d.response.code : '') +
          (d.url || (d.frag && d.frag.url) || (d.context && d.context.url) ? ' ' + (d.url || (d.frag && d.frag.url) || d.context.url) : '') +
          (d.error && d.error.message ? ' (' + d.error.message + ')' : '');
        if (d.fatal) err('hls.js fatal', m); else warn('hls.js', m);
      });
      hls.on(Hls.Events.MANIFEST_PARSED, tryPlay);
      hls.loadSource(cfg.url);
      hls.attachMedia(video);
    } else if (cfg.type === 'DASH' || cfg.type === 'Streaming') {
      if (typeof dashjs === 'undefined') return err('page', 'dashjs did not load');
      if (cfg.type === 'Streaming' && typeof dashjs.MssHandler !== 'function') return err('page', 'dash.mss.min.js did not load (no dashjs.MssHandler)');
      var player = window.__player = dashjs.MediaPlayer().create();
      var ev = dashjs.MediaPlayer.events;
      player.updateSettings({ debug: { logLevel: dashjs.Debug.LOG_LEVEL_WARNING } });
      if (cfg.bearer) player.addRequestInterceptor(function (req) {
        req.headers = Object.assign({}, req.headers || {}, { Authorization: 'Bearer ' + cfg.bearer });
        return Promise.resolve(req);
      });
      player.on(ev.ERROR, function (e) {
        var x = e && e.error || {};
        err('dashjs', 'code=' + x.code + ' ' + (x.message || '') + (x.data && x.data.url ? ' ' + x.data.url : ''));
      });
      if (ev.PLAYBACK_ERROR) player.on(ev.PLAYBACK_ERROR, function (e) { err('dashjs playback', String(e && e.error && (e.error.message || e.error.code) || e)); });
      if (cfg.clearkeyUrl) {
        var ck = { serverURL: cfg.clearkeyUrl };
        if (cfg.bearer) ck.httpRequestHeaders = { Authorization: 'Bearer ' + cfg.bearer };
        player.setProtectionData({ 'org.w3.clearkey': ck });
      }
      player.initialize(video, cfg.url, true);
    } else {
      video.src = cfg.url;
      tryPlay();
    }
  } catch (e) { err('page', e && e.stack || String(e)); }
})();
</script></body></html>`;
}

function startPageServer(cfg, assets) {
  const html = pageHtml(cfg);
  const server = http.createServer((req, res) => {
    const p = new URL(req.url, 'http://x').pathname;
    if (p === '/' || p === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(html);
    }
    if (assets[p]) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      return fs.createReadStream(assets[p]).pipe(res);
    }
    if (p === '/favicon.ico') { res.writeHead(204); return res.end(); }
    res.writeHead(404); res.end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

// ---- main -------------------------------------------------------------------------------------
const opts = parseArgs(process.argv.slice(2));
const assets = resolveAssets();
checkChromium();
const chromium = await loadPlaywright();

// Hard stop: whatever hangs (browser launch, a wedged page), the process ends and says why.
const watchdog = setTimeout(() => {
  result.errors.push(`watchdog: no result after ${opts.timeoutMs + 45000} ms`);
  finish(1); process.exit(1);
}, opts.timeoutMs + 45000);
watchdog.unref();

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-play-chromium-'));
const { server, origin } = await startPageServer({ type: opts.type, url: opts.url, bearer: opts.bearer || null, clearkeyUrl: opts.clearkeyUrl || null }, assets);
let context;
const nodeErrors = [];
const consoleErrors = [];
const timings = {};
try {
  const tl = Date.now();
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30000,
      viewport: { width: 1000, height: 600 },
    });
  } catch (e) {
    throw Object.assign(new Error(`environment: Chromium at ${CHROMIUM} did not start: ${e.message.split('\n')[0]}`), { exitCode: 3 });
  }
  timings.launchMs = Date.now() - tl;
  const page = context.pages()[0] || await context.newPage();
  const isPageAsset = (u) => u.startsWith(origin + '/');
  page.on('pageerror', (e) => nodeErrors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText || 'failed';
    // Players and the media element cancel requests on purpose (range probing, ABR switches, seeking).
    if (why === 'net::ERR_ABORTED') return;
    nodeErrors.push(`request failed: ${r.method()} ${r.url()} ${why}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !(isPageAsset(r.url()) && r.url().endsWith('/favicon.ico'))) {
      nodeErrors.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    }
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const t = m.text();
    if (/CORS|Access-Control|cross-origin/i.test(t)) nodeErrors.push(`console: ${t}`);
    else if (consoleErrors.length < 20) consoleErrors.push(t);
  });

  const tn = Date.now();
  await page.goto(origin + '/', { waitUntil: 'load', timeout: 30000 });
  const deadline = tn + opts.timeoutMs;
  let state = { currentTime: 0, errors: [] };
  let errorSince = 0;
  for (;;) {
    state = await page.evaluate(() => {
      const v = document.getElementById('v');
      return { currentTime: v.currentTime, videoWidth: v.videoWidth, videoHeight: v.videoHeight,
        readyState: v.readyState, networkState: v.networkState, paused: v.paused,
        errors: window.__errors || [], warnings: window.__warnings || [] };
    });
    const anyError = state.errors.length + nodeErrors.length > 0;
    if (anyError) {
      // Give the player a moment to report the rest (e.g. the fatal error after a 404), then stop.
      if (!errorSince) errorSince = Date.now();
      if (Date.now() - errorSince > 750) break;
    } else if (state.currentTime > TARGET_SECONDS) {
      timings.playMs = Date.now() - tn;
      break;
    }
    if (Date.now() > deadline) {
      nodeErrors.push(`timeout: currentTime=${state.currentTime.toFixed(2)} after ${opts.timeoutMs} ms ` +
        `(readyState=${state.readyState}, networkState=${state.networkState}, paused=${state.paused})`);
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  result.currentTime = state.currentTime;
  result.videoWidth = state.videoWidth || 0;
  result.videoHeight = state.videoHeight || 0;
  result.errors.push(...new Set([...state.errors, ...nodeErrors]));
  result.ok = result.errors.length === 0 && state.currentTime > TARGET_SECONDS;
  if (state.warnings.length) result.warnings = state.warnings;
  if (consoleErrors.length) result.consoleErrors = consoleErrors;
  try {
    fs.mkdirSync(path.dirname(path.resolve(opts.screenshot)), { recursive: true });
    await page.screenshot({ path: opts.screenshot, timeout: 15000 });
    result.screenshot = path.resolve(opts.screenshot);
  } catch (e) {
    result.errors.push(`screenshot failed: ${e.message.split('\n')[0]}`);
    result.ok = false;
  }
  result.timings = timings;
  finish(result.ok ? 0 : 1);
} catch (e) {
  result.errors.push(...nodeErrors, e.exitCode ? e.message : `harness: ${e.message.split('\n')[0]}`);
  result.timings = timings;
  finish(e.exitCode || 1);
} finally {
  await context?.close().catch(() => {});
  server.close();
  server.closeAllConnections?.();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(process.exitCode ?? 1);
