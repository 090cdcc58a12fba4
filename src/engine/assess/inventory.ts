import * as path from 'node:path';
import { inventoryOf, type ClientFact, type UrlFact } from '../core/inventoryFacts';
import { classifyFile } from '../core/fileRole';
import type { AnalysisResult, ConfigFileSummary, WorkspaceFileInfo, WorkspacePackage } from '../types';
import { cloudProvider, FRAMEWORKS, SERVICE_PACKAGES, URL_SCHEMES, type ServiceKind } from './catalogue';
import type { AppInventory, ConfiguredVia, Inventory, InventoryService, ServiceLocation } from './model';

/** The folder of the app a file belongs to: the deepest package.json folder above it ('' when none). */
export function appFolderOf(file: string, folders: readonly string[]): string {
  let best = '';
  for (const folder of folders) {
    if (folder !== '' && (file === folder || file.startsWith(`${folder}/`)) && folder.length > best.length) best = folder;
  }
  return best;
}

/**
 * Apps: package.json folders that hold runtime code, an entry point or a start script; the workspace root
 * when there is no such package (a folder of scripts without a manifest is still one app).
 */
export function appFolders(result: AnalysisResult): string[] {
  const workspace = result.workspace;
  const packages = workspace?.packages ?? [];
  const folders = packages.map((entry) => entry.folder);
  const withCode = new Set<string>();
  for (const info of workspace?.files ?? []) {
    if (classifyFile(info.file) === 'runtime') withCode.add(appFolderOf(info.file, folders));
  }
  for (const finding of result.findings) withCode.add(appFolderOf(finding.file, folders));
  for (const entry of packages) if (entry.startScript || entry.main) withCode.add(entry.folder);
  const apps = [...withCode].sort();
  return apps.length > 0 ? apps : [''];
}

export function buildInventory(result: AnalysisResult): Inventory {
  const workspace = result.workspace;
  const packages = workspace?.packages ?? [];
  const folders = packages.map((entry) => entry.folder);
  const apps = appFolders(result).map((folder) => {
    const manifest = packages.find((entry) => entry.folder === folder);
    const files = (workspace?.files ?? []).filter((info) => appFolderOf(info.file, folders) === folder && classifyFile(info.file) === 'runtime');
    const configFiles = (workspace?.configFiles ?? []).filter((config) => appFolderOf(config.file, folders) === folder);
    return appInventory(folder, manifest, files, configFiles);
  });
  return { apps };
}

function appInventory(folder: string, manifest: WorkspacePackage | undefined, files: WorkspaceFileInfo[], configFiles: ConfigFileSummary[]): AppInventory {
  const dependencies = manifest?.dependencies ?? {};
  const services = new Map<string, InventoryService>();
  const serviceFor = (name: string, kind: ServiceKind): InventoryService => {
    let service = services.get(name);
    if (!service) {
      service = { name, kind, packages: [], configuredAt: [], externalized: 'unknown' };
      services.set(name, service);
    }
    return service;
  };
  const addPackage = (packageName: string) => {
    const known = SERVICE_PACKAGES[packageName];
    if (!known || known.orm) return;
    const service = serviceFor(known.service, known.kind);
    if (!service.packages.includes(packageName)) service.packages.push(packageName);
  };

  const imported = new Set<string>();
  for (const info of files) for (const name of inventoryOf(info.facts)?.imports ?? []) imported.add(name);
  const usedPackages = [...new Set([...Object.keys(dependencies), ...imported])].sort();
  for (const name of usedPackages) addPackage(name);

  for (const info of files) {
    const facts = inventoryOf(info.facts);
    if (!facts) continue;
    for (const client of facts.clients) {
      const known = SERVICE_PACKAGES[client.package];
      if (!known) continue;
      const service = known.orm ? ormService(services, serviceFor, client.package) : serviceFor(known.service, known.kind);
      if (!service.packages.includes(client.package)) service.packages.push(client.package);
      service.configuredAt.push(clientLocation(info.file, client));
    }
    // A connection string passed straight to a client is one place, reported at the literal.
    const literalValues = new Set(facts.urls.map((url) => url.value));
    for (const url of facts.urls) addUrl(info.file, url, serviceFor);
    for (const service of services.values()) {
      service.configuredAt = service.configuredAt.filter((location) => !(location.file === info.file && location.via === 'hard-coded' && [...literalValues].some((value) => location.evidence.endsWith(`(${value})`))));
    }
  }
  for (const config of configFiles) {
    for (const url of config.urls) {
      const known = URL_SCHEMES[url.scheme];
      if (!known) continue;
      serviceFor(known.service, known.kind).configuredAt.push({
        file: config.file,
        line: url.line,
        column: url.column,
        via: url.fromEnvironment ? 'environment' : 'config-file',
        evidence: url.value,
      });
    }
  }
  // ORMs without a driver service of their own: a generic SQL database.
  for (const name of usedPackages) {
    const known = SERVICE_PACKAGES[name];
    if (known?.orm) {
      const service = ormService(services, serviceFor, name);
      if (!service.packages.includes(name)) service.packages.push(name);
    }
  }

  for (const service of services.values()) {
    service.packages.sort();
    service.configuredAt.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
    service.configuredAt = service.configuredAt.filter(
      (location, index, all) => index === 0 || !(all[index - 1].file === location.file && all[index - 1].line === location.line && all[index - 1].via === location.via),
    );
    service.externalized = externalization(service);
  }

  const nodeSources: { source: string; version: string }[] = [];
  for (const config of configFiles) if (config.kind === 'node-version' && config.nodeVersion) nodeSources.push({ source: config.file, version: config.nodeVersion });
  if (manifest?.nodeEngine) nodeSources.push({ source: path.posix.join(folder, 'package.json') + ' (engines.node)', version: manifest.nodeEngine });
  for (const config of configFiles) if (config.kind === 'dockerfile' && config.nodeVersion) nodeSources.push({ source: `${config.file} (FROM node)`, version: config.nodeVersion });

  const frameworks = Object.entries(FRAMEWORKS)
    .filter(([name]) => dependencies[name] !== undefined || imported.has(name))
    .map(([name, label]) => ({ name: label, package: name, version: dependencies[name] ?? '' }));

  const entryPoints: AppInventory['entryPoints'] = [];
  const ports: AppInventory['ports'] = [];
  for (const info of files) {
    const facts = inventoryOf(info.facts);
    const listens = info.facts.listens as { range: [number, number] } | undefined;
    const started = (info.facts as { serverStart?: unknown }).serverStart;
    if (!listens && !started) continue;
    const first = facts?.listens[0];
    entryPoints.push({ file: info.file, line: first?.line ?? 1, column: first?.column ?? 1 });
    for (const listen of facts?.listens ?? []) ports.push({ file: info.file, line: listen.line, column: listen.column, port: listen.port, fromEnvironment: listen.fromEnvironment });
  }

  const sdkFiles = new Map<string, Set<string>>();
  for (const name of Object.keys(dependencies)) if (cloudProvider(name)) sdkFiles.set(name, new Set());
  for (const info of files) {
    for (const name of inventoryOf(info.facts)?.imports ?? []) {
      if (!cloudProvider(name)) continue;
      const set = sdkFiles.get(name) ?? new Set<string>();
      set.add(info.file);
      sdkFiles.set(name, set);
    }
  }
  const cloudSdks = [...sdkFiles]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([name, set]) => ({ package: name, provider: cloudProvider(name)!, version: dependencies[name], files: [...set].sort() }));

  const environment = new Set<string>();
  for (const info of files) for (const name of inventoryOf(info.facts)?.environment ?? []) environment.add(name);

  return {
    folder,
    name: manifest?.name,
    version: manifest?.version,
    runtime: { node: nodeSources[0]?.version, nodeSources, startScript: manifest?.startScript, main: manifest?.main },
    frameworks,
    entryPoints,
    ports,
    services: [...services.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.name < b.name ? -1 : 1)),
    cloudSdks,
    dockerfiles: configFiles.filter((config) => config.kind === 'dockerfile').map((config) => config.file),
    environment: [...environment].sort(),
  };
}

const KIND_ORDER: ServiceKind[] = ['database', 'cache', 'queue', 'object-store', 'search', 'mail', 'http-api'];
const SQL_SERVICES = ['PostgreSQL', 'MySQL', 'SQL Server', 'Oracle Database', 'SQLite file'];

/** An ORM drives the SQL database whose driver the app also depends on, or a generic "SQL database". */
function ormService(services: Map<string, InventoryService>, serviceFor: (name: string, kind: ServiceKind) => InventoryService, _orm: string): InventoryService {
  for (const name of SQL_SERVICES) {
    const service = services.get(name);
    if (service) return service;
  }
  return serviceFor('SQL database', 'database');
}

function clientLocation(file: string, client: ClientFact): ServiceLocation {
  const call = `${client.constructed ? 'new ' : ''}${client.call === '' ? client.package : `${client.package}.${client.call}`}()`;
  const via: ConfiguredVia = client.how;
  const named = client.how === 'environment' && client.evidence && /^[A-Za-z_][A-Za-z0-9_]*$/.test(client.evidence);
  const detail = client.evidence ? ` (${named ? `env ${client.evidence}` : client.evidence})` : '';
  return { file, line: client.line, column: client.column, via, evidence: `${call}${detail}` };
}

function addUrl(file: string, url: UrlFact, serviceFor: (name: string, kind: ServiceKind) => InventoryService): void {
  let name: string;
  let kind: ServiceKind;
  if (url.httpClient) {
    let host: string;
    try {
      host = new URL(url.value.replace('${…}', 'x')).host;
    } catch {
      return;
    }
    name = `HTTP API ${host}`;
    kind = 'http-api';
  } else {
    const known = URL_SCHEMES[url.scheme];
    if (!known) return;
    name = known.service;
    kind = known.kind;
  }
  serviceFor(name, kind).configuredAt.push({ file, line: url.line, column: url.column, via: url.fromEnvironment ? 'environment' : 'hard-coded', evidence: url.value });
}

function externalization(service: InventoryService): InventoryService['externalized'] {
  if (SERVICE_EMBEDDED.has(service.name)) return 'embedded';
  const vias = service.configuredAt.map((location) => location.via);
  if (vias.length === 0) return 'unknown';
  const fromEnvironment = vias.filter((via) => via === 'environment').length;
  const fixed = vias.filter((via) => via === 'hard-coded' || via === 'config-file').length;
  if (fixed === 0 && fromEnvironment > 0) return 'yes';
  if (fixed > 0 && fromEnvironment === 0) return 'no';
  if (fixed > 0) return 'partly';
  return 'unknown';
}

const SERVICE_EMBEDDED = new Set(Object.values(SERVICE_PACKAGES).filter((entry) => entry.embedded).map((entry) => entry.service));
