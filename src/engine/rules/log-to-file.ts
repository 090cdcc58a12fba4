import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../core/scope';
import { bunyanStreamFix, processStdoutFix, removeArgumentFix, stdoutDescriptorFix, winstonAddFix, winstonTransportFix } from '../fixes/stdoutLogging';
import type { Fix, RuleContext } from '../types';
import { createSourceRule } from './support/createRule';
import {
  calleeName,
  loadedModule,
  locate,
  locateJoined,
  LogStreams,
  mergeListeners,
  objectOf,
  propertyOf,
  propertyValue,
  type Location,
} from './support/storage-logging';

type Node = TSESTree.Node;

/** Transport classes of winston that write a file. */
function winstonFileTransport(context: RuleContext, node: Node): string | undefined {
  const resolved = context.resolve(node);
  if (!resolved) return undefined;
  const { module, path } = resolved;
  if (module === 'winston' && path.length === 2 && path[0] === 'transports' && (path[1] === 'File' || path[1] === 'DailyRotateFile')) {
    return path[1] === 'File' ? 'winston File transport' : 'winston DailyRotateFile transport';
  }
  if (module === 'winston-daily-rotate-file' && (path.length === 0 || (path.length === 1 && path[0] === 'default'))) return 'winston DailyRotateFile transport';
  return undefined;
}

/** Where a log destination option really goes: numbers 1/2 and /dev/stdout are the process's own output. */
function isStandardOutput(context: RuleContext, node: Node | undefined): boolean {
  if (!node) return true;
  const folded = context.fold(node);
  if (!folded) return false;
  return folded.value === 1 || folded.value === 2 || folded.value === '1' || folded.value === '2' || (typeof folded.value === 'string' && /^\/dev\/(stdout|stderr|fd\/[12])$/.test(folded.value));
}

/** A logger left to the deployment (`filename: process.env.LOG_FILE`) is not a file fixed in code. */
function reportable(location: Location): boolean {
  return !location.temporary && !location.fromEnvironment;
}

const LOG4JS_FILE_APPENDERS = /^(file|datefile|filesync|multifile)$/i;
const PINO_FILE_TARGETS: Record<string, string[]> = {
  'pino/file': ['destination'],
  'pino-pretty': ['destination'],
  'pino-roll': ['file'],
  'pino-rotating-file': ['path', 'filename'],
  'pino-rotating-file-stream': ['path', 'filename'],
};

export default createSourceRule(
  {
    id: 'log-to-file',
    // The loggers below by module name, log4js `appenders` objects, and fs write streams used for logs.
    triggers: /winston|pino|log4js|appenders|bunyan|rotat|morgan|simple-node-logger|\bfs\b/,
    category: 'file-logging',
    defaultSeverity: 'warning',
    description: 'Logs written to files on the local disk (winston File transports, pino and bunyan file destinations, log4js file appenders, morgan or console streams to a file), where the platform only collects stdout and stderr.',
    messages: {
      file: '{{logger}} writes logs to {{file}} on the local disk: the platform only collects stdout and stderr, and the file is lost with the container',
    },
    strategies: ['replatform', 'refactor'],
    effort: 0.5,
    fixable: true,
  },
  (context) => {
    const streams = new LogStreams(context);
    const bunyanPaths: TSESTree.Property[] = [];
    const log4jsAppenders: { type: TSESTree.Property; location: Location }[] = [];
    let loadsBunyan = false;
    let loadsLog4js = false;

    /** `fix` builds the edit only for a finding that is reported, with the display name of its file. */
    const report = (node: Node, logger: string, location: Location, fix?: (display: string) => Fix | undefined) => {
      if (!reportable(location)) return;
      const built = fix?.(location.display);
      context.report({ node, messageId: 'file', data: { logger, file: location.display }, fixes: built ? [built] : undefined });
    };
    const isFileTransport = (node: Node) => node.type === 'NewExpression' && winstonFileTransport(context, node.callee) !== undefined;

    const winstonOptions = (node: Node, logger: string, optionsNode: Node | undefined) => {
      const options = objectOf(context, optionsNode);
      const filename = propertyValue(options, 'filename');
      const dirname = propertyValue(options, 'dirname');
      if (!filename && !dirname && propertyOf(options, 'stream')) return; // a stream: judged where it is created
      if (filename && isStandardOutput(context, filename)) return;
      report(node, logger, locateJoined(context, dirname, filename), (display) => {
        if (node.type === 'NewExpression') return winstonTransportFix(context, { construction: node, display }, isFileTransport);
        return node.type === 'CallExpression' ? winstonAddFix(context, node, display) : undefined;
      });
    };

    const checkCall = (call: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const transport = winstonFileTransport(context, call.callee);
      if (transport && call.type === 'NewExpression') {
        winstonOptions(call, transport, call.arguments[0]);
        return;
      }
      // winston 2: winston.add(winston.transports.File, { filename })
      if (
        call.type === 'CallExpression' &&
        call.callee.type === 'MemberExpression' &&
        propertyName(call.callee.property, call.callee.computed) === 'add' &&
        call.arguments[0] &&
        call.arguments[0].type !== 'SpreadElement'
      ) {
        const added = winstonFileTransport(context, call.arguments[0]);
        if (added) winstonOptions(call, added, call.arguments[1]);
        return;
      }
      const callee = context.resolve(call.callee);
      if (!callee) return;
      const { module, path } = callee;
      const last = path[path.length - 1];
      const [first, second] = call.arguments;
      if (module === 'pino' && path.length === 1 && last === 'destination') {
        const options = objectOf(context, first);
        const destination = options ? propertyValue(options, 'dest') : first;
        if (destination && destination.type !== 'SpreadElement' && !isStandardOutput(context, destination)) {
          report(call, 'pino.destination', locate(context, destination), (display) => stdoutDescriptorFix(destination, display));
        }
      } else if (module === 'pino' && call.type === 'CallExpression' && (path.length === 0 || (path.length === 1 && (last === 'pino' || last === 'default')))) {
        // pino(options, './app.log') and pino('./app.log'): a string destination is a file path
        for (const argument of [first, second]) {
          if (!argument || argument.type === 'SpreadElement') continue;
          const folded = context.fold(argument);
          if (folded && typeof folded.value === 'string' && !isStandardOutput(context, argument)) {
            report(argument, 'pino', locate(context, argument), (display) => (call.type === 'CallExpression' ? removeArgumentFix(call, argument, display) : undefined));
          }
        }
      } else if (module === 'log4js' && path.length === 2 && path[0] === 'appenders' && LOG4JS_FILE_APPENDERS.test(last)) {
        if (first && first.type !== 'SpreadElement') report(call, `log4js ${last} appender`, locate(context, first));
      } else if (module === 'rotating-file-stream' && (path.length === 0 || (path.length === 1 && (last === 'createStream' || last === 'default')))) {
        if (!first || first.type === 'SpreadElement') return;
        report(call, 'rotating-file-stream', locateJoined(context, propertyValue(objectOf(context, second), 'path'), first), (display) => processStdoutFix(context, call, display));
      } else if (module === 'file-stream-rotator' && path.length === 1 && last === 'getStream') {
        const filename = propertyValue(objectOf(context, first), 'filename');
        if (filename) report(call, 'file-stream-rotator', locate(context, filename), (display) => processStdoutFix(context, call, display));
      } else if (module === 'simple-node-logger' && path.length === 1) {
        const options = objectOf(context, first);
        if (last === 'createSimpleFileLogger') {
          const file = options ? propertyValue(options, 'logFilePath') : first;
          if (file && file.type !== 'SpreadElement') report(call, 'simple-node-logger', locate(context, file));
        } else if (last === 'createSimpleLogger' && propertyValue(options, 'logFilePath')) {
          report(call, 'simple-node-logger', locate(context, propertyValue(options, 'logFilePath')!));
        } else if (last === 'createRollingFileLogger') {
          report(call, 'simple-node-logger', locateJoined(context, propertyValue(options, 'logDirectory'), propertyValue(options, 'fileNamePattern')));
        }
      } else if (module === 'bunyan' && path.length === 1 && last === 'RotatingFileStream') {
        const file = propertyValue(objectOf(context, first), 'path');
        if (file) report(call, 'bunyan', locate(context, file));
      }
    };

    /** `{ target: 'pino/file', options: { destination: './app.log' } }` */
    const checkPinoTarget = (property: TSESTree.Property) => {
      const folded = context.fold(property.value);
      if (!folded || typeof folded.value !== 'string' || !Object.hasOwn(PINO_FILE_TARGETS, folded.value)) return;
      const object = property.parent as TSESTree.ObjectExpression;
      const options = objectOf(context, propertyValue(object, 'options'));
      const keys = PINO_FILE_TARGETS[folded.value];
      if (keys.length === 1) {
        const destination = propertyValue(options, keys[0]);
        if (!destination || isStandardOutput(context, destination)) return; // pino/file and pino-pretty default to stdout
        report(object, folded.value, locate(context, destination), (display) => stdoutDescriptorFix(destination, display));
      } else {
        const file = propertyValue(options, keys[1]);
        if (file) report(object, folded.value, locateJoined(context, propertyValue(options, keys[0]), file));
      }
    };

    /** bunyan `streams: [{ level: 'error', path: './logs/error.log' }]` */
    const isBunyanStream = (property: TSESTree.Property): boolean => {
      const object = property.parent;
      if (object?.type !== 'ObjectExpression') return false;
      if (['level', 'type', 'period', 'count'].some((name) => propertyOf(object, name) !== undefined)) return true;
      const holder = object.parent;
      if (holder?.type === 'ArrayExpression' && holder.parent?.type === 'Property' && propertyName(holder.parent.key, holder.parent.computed) === 'streams') return true;
      return holder?.type === 'CallExpression' && holder.callee.type === 'MemberExpression' && propertyName(holder.callee.property, holder.callee.computed) === 'addStream';
    };

    /** log4js `appenders: { app: { type: 'dateFile', filename: 'logs/app.log' } }` */
    const checkLog4jsAppender = (property: TSESTree.Property) => {
      const folded = context.fold(property.value);
      if (!folded || typeof folded.value !== 'string' || !LOG4JS_FILE_APPENDERS.test(folded.value)) return;
      const object = property.parent as TSESTree.ObjectExpression;
      const file = propertyValue(object, 'filename') ?? (folded.value.toLowerCase() === 'multifile' ? propertyValue(object, 'base') : undefined);
      if (!file) return;
      let inAppenders = false;
      for (let node: Node | undefined = object.parent; node && !inAppenders; node = node.parent) {
        if (node.type === 'Property' && propertyName(node.key, node.computed) === 'appenders') inAppenders = true;
      }
      const location = locate(context, file);
      if (inAppenders) report(property, `log4js ${folded.value} appender`, location);
      else log4jsAppenders.push({ type: property, location });
    };

    return mergeListeners(streams.listeners, {
      ImportDeclaration(node) {
        const loaded = loadedModule(node);
        if (loaded === 'bunyan') loadsBunyan = true;
        if (loaded === 'log4js') loadsLog4js = true;
      },
      NewExpression(node) {
        checkCall(node as TSESTree.NewExpression);
      },
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const loaded = loadedModule(call);
        if (loaded === 'bunyan') loadsBunyan = true;
        if (loaded === 'log4js') loadsLog4js = true;
        checkCall(call);
      },
      Property(node) {
        const property = node as TSESTree.Property;
        const key = propertyName(property.key, property.computed);
        if (key === 'target') checkPinoTarget(property);
        else if (key === 'path' && isBunyanStream(property)) bunyanPaths.push(property);
        else if (key === 'type') checkLog4jsAppender(property);
      },
      'Program:exit'() {
        for (const tracked of streams.tracked()) {
          if (!tracked.evidence) continue;
          const logger = tracked.evidence === 'path' ? calleeName(context, tracked.call.callee) : tracked.evidence === 'console' ? 'console (redirected to a file stream)' : `${tracked.logger} through ${calleeName(context, tracked.call.callee)}`;
          // A console redirected through its own function may also write to stdout: only a stream handed straight to a Console is replaced.
          const replaceable = tracked.evidence !== 'console' || tracked.call.parent?.type === 'NewExpression';
          report(tracked.call, logger, tracked.location, replaceable ? (display) => processStdoutFix(context, tracked.call, display) : undefined);
        }
        if (loadsBunyan) for (const property of bunyanPaths) report(property, 'bunyan', locate(context, property.value), (display) => bunyanStreamFix(context, property, display));
        if (loadsLog4js) for (const appender of log4jsAppenders) report(appender.type, 'log4js file appender', appender.location);
      },
    });
  },
);
