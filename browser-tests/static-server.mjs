#!/usr/bin/env node
// Tiny static file server for browser playback tests: byte ranges, MIME types, CORS.
// node browser-tests/static-server.mjs --root <dir> [--port 0] [--host 127.0.0.1]
//   [--cors full|minimal|none] [--bearer <token>] [--mime proper|octet] [--log]
// Prints one JSON line {"url":"http://127.0.0.1:<port>"} once listening.
//   full    : ACAO *, preflight answered (OPTIONS 204 with Allow-Methods/Headers), Expose-Headers.
//   minimal : only "Access-Control-Allow-Origin: *" on GET/HEAD; OPTIONS not handled (405).
//   none    : no CORS headers at all (for negative tests).
// --mime octet sends every file as application/octet-stream (to check what players tolerate).
// With --bearer, every GET/HEAD needs "Authorization: Bearer <token>" (401 otherwise; OPTIONS stays open).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const MIME = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mpd': 'application/dash+xml',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.m4v': 'video/mp4',
  '.ts': 'video/mp2t',
  '.key': 'application/octet-stream',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

export function mimeFor(p) {
  const base = path.basename(p);
  if (base === 'Manifest' && p.includes('.ism')) return 'application/vnd.ms-sstr+xml';
  if (/^(Fragments|FragmentInfo)\(/.test(base)) return 'video/mp4';
  return MIME[path.extname(base).toLowerCase()] || 'application/octet-stream';
}

export function startStaticServer({ root, port = 0, host = '127.0.0.1', cors = 'full', bearer = null, log = false, mime = 'proper' }) {
  const rootAbs = path.resolve(root);
  const server = http.createServer((req, res) => {
    const origin = req.headers.origin;
    const done = (status) => { if (log) process.stderr.write(`${req.method} ${req.url} ${req.headers.range || ''} -> ${status}\n`); };
    if (cors === 'full' || cors === 'minimal') res.setHeader('Access-Control-Allow-Origin', '*');
    if (cors === 'full') {
      res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, Accept-Ranges, Content-Type, ETag');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] || 'Range, Authorization');
        res.setHeader('Access-Control-Max-Age', '600');
        res.writeHead(204); res.end(); return done(204);
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, { Allow: 'GET, HEAD' }); res.end(); return done(405); }
    if (bearer && req.headers.authorization !== `Bearer ${bearer}`) { res.writeHead(401); res.end(); return done(401); }
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400); res.end(); return done(400); }
    const file = path.join(rootAbs, rel);
    if (!file.startsWith(rootAbs + path.sep)) { res.writeHead(403); res.end(); return done(403); }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found'); return done(404); }
      const size = st.size;
      const headers = { 'Content-Type': mime === 'octet' ? 'application/octet-stream' : mimeFor(file), 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-cache' };
      let start = 0, end = size - 1, status = 200;
      const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || '');
      if (req.headers.range && m && (m[1] !== '' || m[2] !== '')) {
        if (m[1] === '') { start = Math.max(0, size - Number(m[2])); }
        else { start = Number(m[1]); if (m[2] !== '') end = Math.min(Number(m[2]), size - 1); }
        if (start > end || start >= size) {
          res.writeHead(416, { 'Content-Range': `bytes */${size}` }); res.end(); return done(416);
        }
        status = 206; headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
      }
      headers['Content-Length'] = String(end - start + 1);
      res.writeHead(status, headers);
      if (req.method === 'HEAD') { res.end(); return done(status); }
      fs.createReadStream(file, { start, end }).on('error', () => res.destroy()).pipe(res);
      done(status);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, url: `http://${host}:${server.address().port}` }));
  });
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('static-server.mjs')) {
  const a = process.argv.slice(2); const opt = {};
  for (let i = 0; i < a.length; i++) {
    const k = a[i];
    if (k === '--log') opt.log = true;
    else if (k.startsWith('--')) opt[k.slice(2)] = a[++i];
  }
  if (!opt.root) { console.error('usage: static-server.mjs --root <dir> [--port 0] [--cors full|minimal|none] [--bearer T] [--log]'); process.exit(2); }
  const { url } = await startStaticServer({ root: opt.root, port: Number(opt.port || 0), host: opt.host || '127.0.0.1', cors: opt.cors || 'full', bearer: opt.bearer || null, log: !!opt.log, mime: opt.mime || 'proper' });
  console.log(JSON.stringify({ url }));
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(0));
}
