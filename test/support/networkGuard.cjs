/**
 * Preload (`node --require test/support/networkGuard.cjs`) that refuses every outbound connection and records
 * the attempt, one JSON line each, in the file named by CLOUDWARD_NETWORK_LOG (written synchronously, so an
 * attempt is on disk before the error it raises can be swallowed). Worker threads inherit it through
 * execArgv, child processes through NODE_OPTIONS.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const log = process.env.CLOUDWARD_NETWORK_LOG;
if (!log) throw new Error('networkGuard: set CLOUDWARD_NETWORK_LOG to the file that records connection attempts');

const guardOption = `--require ${JSON.stringify(path.resolve(__filename))}`;
if (!(process.env.NODE_OPTIONS ?? '').includes(path.resolve(__filename))) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} ${guardOption}`.trim();
}

function describeTarget(args) {
  const first = args[0];
  if (first && typeof first === 'object' && !Array.isArray(first)) {
    if (first.href) return String(first.href);
    if (first.path && !first.port) return `unix:${first.path}`;
    return `${first.host ?? first.hostname ?? 'localhost'}:${first.port ?? ''}`;
  }
  if (typeof first === 'number') return `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${first}`;
  return String(first);
}

function refuse(kind, args) {
  const attempt = { kind, target: describeTarget(args), pid: process.pid, stack: (new Error().stack ?? '').split('\n').slice(2, 8).map((line) => line.trim()) };
  fs.appendFileSync(log, `${JSON.stringify(attempt)}\n`);
  const error = new Error(`networkGuard: outbound ${kind} to ${attempt.target} refused`);
  error.code = 'ECONNREFUSED';
  return error;
}

function guard(owner, name, kind) {
  if (!owner || typeof owner[name] !== 'function') return;
  owner[name] = function guarded(...args) {
    throw refuse(kind, args);
  };
}

const net = require('node:net');
guard(net.Socket.prototype, 'connect', 'net.Socket.connect');
guard(net, 'connect', 'net.connect');
guard(net, 'createConnection', 'net.createConnection');
const tls = require('node:tls');
guard(tls, 'connect', 'tls.connect');
for (const moduleName of ['node:http', 'node:https', 'node:http2']) {
  const module = require(moduleName);
  guard(module, 'request', `${moduleName.slice(5)}.request`);
  guard(module, 'get', `${moduleName.slice(5)}.get`);
  guard(module, 'connect', `${moduleName.slice(5)}.connect`);
}
const dns = require('node:dns');
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse']) {
  guard(dns, name, `dns.${name}`);
  guard(dns.promises, name, `dns.promises.${name}`);
}
const dgram = require('node:dgram');
guard(dgram.Socket.prototype, 'send', 'dgram.send');
guard(dgram.Socket.prototype, 'connect', 'dgram.connect');
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = function guardedFetch(...args) {
    return Promise.reject(refuse('fetch', args));
  };
}
if (typeof globalThis.WebSocket === 'function') {
  globalThis.WebSocket = function GuardedWebSocket(...args) {
    throw refuse('WebSocket', args);
  };
}
