import type { RuleModule } from '../types';
// One import per line, sorted by rule id.
import absoluteHostPath from './absolute-host-path';
import cloudSdkImport from './cloud-sdk-import';
import clusterStickySession from './cluster-sticky-session';
import embeddedFileDatabase from './embedded-file-database';
import environmentConfigFile from './environment-config-file';
import environmentConfigImport from './environment-config-import';
import environmentConfigModule from './environment-config-module';
import expressSessionMemoryStore from './express-session-memory-store';
import hardcodedApiKey from './hardcoded-api-key';
import hardcodedCredential from './hardcoded-credential';
import hardcodedJwtSecret from './hardcoded-jwt-secret';
import hardcodedServiceUrl from './hardcoded-service-url';
import hardcodedSessionSecret from './hardcoded-session-secret';
import hostBinaryExec from './host-binary-exec';
import hostBinaryPackage from './host-binary-package';
import inProcessCron from './in-process-cron';
import intervalBusinessJob from './interval-business-job';
import listenFixedPort from './listen-fixed-port';
import localIpcSocket from './local-ipc-socket';
import logToFile from './log-to-file';
import missingContainerImage from './missing-container-image';
import missingGracefulShutdown from './missing-graceful-shutdown';
import missingHealthEndpoint from './missing-health-endpoint';
import moduleLevelUserState from './module-level-user-state';
import noLocalDiskWrite from './no-local-disk-write';
import nodeEnvEndpointSwitch from './node-env-endpoint-switch';
import osSpecificModule from './os-specific-module';
import platformSpecificBranch from './platform-specific-branch';
import prismaDatasourceUrl from './prisma-datasource-url';
import readAppWrittenFile from './read-app-written-file';
import secretEnvFallback from './secret-env-fallback';
import secretInConfigFile from './secret-in-config-file';
import secretInEnvFile from './secret-in-env-file';
import sidePortServer from './side-port-server';
import socketIoWithoutAdapter from './socket-io-without-adapter';
import sqliteOrmConfig from './sqlite-orm-config';
import udpMulticastBroadcast from './udp-multicast-broadcast';
import uploadToLocalDisk from './upload-to-local-disk';
import zeromqBind from './zeromq-bind';

/** Every rule, sorted by id; the meta-test keeps this list, the rule files, their docs and their tests in step. */
export const allRules: readonly RuleModule[] = [
  // One entry per line, sorted by rule id.
  absoluteHostPath,
  cloudSdkImport,
  clusterStickySession,
  embeddedFileDatabase,
  environmentConfigFile,
  environmentConfigImport,
  environmentConfigModule,
  expressSessionMemoryStore,
  hardcodedApiKey,
  hardcodedCredential,
  hardcodedJwtSecret,
  hardcodedServiceUrl,
  hardcodedSessionSecret,
  hostBinaryExec,
  hostBinaryPackage,
  inProcessCron,
  intervalBusinessJob,
  listenFixedPort,
  localIpcSocket,
  logToFile,
  missingContainerImage,
  missingGracefulShutdown,
  missingHealthEndpoint,
  moduleLevelUserState,
  noLocalDiskWrite,
  nodeEnvEndpointSwitch,
  osSpecificModule,
  platformSpecificBranch,
  prismaDatasourceUrl,
  readAppWrittenFile,
  secretEnvFallback,
  secretInConfigFile,
  secretInEnvFile,
  sidePortServer,
  socketIoWithoutAdapter,
  sqliteOrmConfig,
  udpMulticastBroadcast,
  uploadToLocalDisk,
  zeromqBind,
];

export const ruleIds: ReadonlySet<string> = new Set(allRules.map((rule) => rule.meta.id));
