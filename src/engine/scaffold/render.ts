import type { DockerStack } from './detect';
import { renderTemplate, type TemplateValues } from './template';

export interface DockerTemplates {
  dockerfile: string;
  dockerignore: string;
}

/** Where the scaffold writes, relative to the workspace root: beside the app in a workspace. */
export function scaffoldPaths(stack: Pick<DockerStack, 'app' | 'context'>): { dockerfile: string; dockerignore: string; besideDockerfile: string; besideDockerignore: string } {
  const context = stack.context ? `${stack.context}/` : '';
  const prefix = `${context}${stack.app ? `${stack.app}/` : ''}`;
  return {
    dockerfile: `${prefix}Dockerfile`,
    // BuildKit reads `<Dockerfile>.dockerignore` beside a Dockerfile before the context's .dockerignore.
    dockerignore: stack.app ? `${prefix}Dockerfile.dockerignore` : `${context}.dockerignore`,
    besideDockerfile: `${prefix}Dockerfile.cloudward`,
    besideDockerignore: `${prefix}Dockerfile.cloudward.dockerignore`,
  };
}

/** `@acme/api` → `acme/api`: a valid image repository name. */
export function imageName(appName: string): string {
  const name = appName
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/[^a-z0-9._/-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name || 'app';
}

function execForm(argv: readonly string[]): string {
  return `[${argv.map((word) => JSON.stringify(word)).join(', ')}]`;
}

function comment(text: string): string {
  return text
    .split('\n')
    .map((line) => `# ${line}`)
    .join('\n');
}

function nodeComment(stack: DockerStack): string {
  const { node } = stack;
  if (node.source.startsWith('default')) return comment(`Node.js ${node.major}, the LTS line: the project names no version (engines.node or .nvmrc would pin one).`);
  return comment(`Node.js ${node.tag}, from ${node.source}.`);
}

function portComment(stack: DockerStack): string {
  const { port } = stack;
  if (!port.fromEnvironment && port.source.includes('fixed in code')) {
    return comment(`${port.source}: make it read PORT\n(Cloudward's listen-fixed-port fix) so the platform can choose the port.`);
  }
  if (port.fromEnvironment) return comment(`${port.source}: the platform may set another PORT.`);
  return comment(`${port.source}: the app should listen on PORT.`);
}

function environmentComment(stack: DockerStack): string {
  if (stack.environment.length === 0) return '';
  const width = Math.max(...stack.environment.map((variable) => variable.name.length));
  const lines = stack.environment.map((variable) => {
    const files = variable.files.length > 2 ? `${variable.files.slice(0, 2).join(', ')} and ${variable.files.length - 2} more` : variable.files.join(', ');
    const fallback = variable.fallback !== undefined ? `, default ${variable.fallback}` : '';
    return `  ${variable.name.padEnd(width)}  ${variable.secret ? 'secret  ' : '        '}${files}${fallback}`.trimEnd();
  });
  return comment(
    [
      'Settings the app reads from its environment. Set them when the container starts (docker run -e,',
      "or the platform's settings); secrets come from the platform's secret store, never from this file:",
      ...lines,
    ].join('\n'),
  );
}

function copyManifests(stack: DockerStack): string {
  if (stack.copySourcesBeforeInstall) return `${comment('An install script runs a file of the project: the sources go in before the install.')}\nCOPY . .`;
  const rootFiles = stack.manifests.filter((file) => !file.includes('/'));
  const others = stack.manifests.filter((file) => file.includes('/'));
  const lines = [comment('The manifests first: the install layer is rebuilt only when they change.')];
  lines.push(`COPY ${rootFiles.join(' ')} ./`);
  for (const file of others) {
    const target = file.endsWith('/') ? file : file.slice(0, file.lastIndexOf('/') + 1);
    lines.push(`COPY ${file} ./${target}`);
  }
  if (!stack.packageManager.lockfile) lines.push(comment('No lockfile: versions are resolved at build time. Commit one for repeatable images.'));
  return lines.join('\n');
}

function setup(stack: DockerStack): string {
  if (stack.steps.setup.length === 0) return '';
  const { packageManager } = stack;
  const why =
    packageManager.name === 'pnpm'
      ? packageManager.pinned
        ? `pnpm ${packageManager.pinned.slice('pnpm@'.length)}, from packageManager.`
        : `pnpm, the major that writes this lockfile (set packageManager in package.json to pin it).`
      : `Yarn ${packageManager.pinned?.slice('yarn@'.length) ?? ''} from packageManager, through corepack.`;
  return `${comment(why)}\n${stack.steps.setup.map((command) => `RUN ${command}`).join('\n')}`;
}

function buildEnvironment(stack: DockerStack): string {
  if (stack.steps.env.length === 0) return '';
  const why = stack.packageManager.plugAndPlay ? "The image runs plain node: Yarn installs into node_modules rather than Plug'n'Play." : 'Build-time settings.';
  return `${comment(why)}\n${stack.steps.env.map((entry) => `ENV ${entry}`).join('\n')}`;
}

function healthcheck(stack: DockerStack): string {
  if (!stack.health) return '';
  const script = `require('http').get('http://127.0.0.1:'+(process.env.PORT||${stack.port.value})+'${stack.health.path}',(r)=>process.exit(r.statusCode<400?0:1)).on('error',()=>process.exit(1))`;
  return execForm(['node', '-e', script]);
}

function healthComment(stack: DockerStack): string {
  if (!stack.health) return '';
  return comment(
    `The app answers ${stack.health.path} (${stack.health.file}:${stack.health.line}); node checks it, as slim images have no curl.\n` +
      `Kubernetes ignores HEALTHCHECK: point its liveness and readiness probes at ${stack.health.path}.`,
  );
}

export function dockerfileValues(stack: DockerStack): TemplateValues {
  const paths = scaffoldPaths(stack);
  const image = imageName(stack.appName);
  return {
    appName: stack.appName,
    imageName: image,
    buildCommand: `docker build ${stack.app ? `-f ${paths.dockerfile} ` : ''}-t ${image} ${stack.context || '.'}`,
    port: String(stack.port.value),
    nodeComment: nodeComment(stack),
    baseImage: stack.node.image,
    nativeModules: stack.nativeModules.join(', '),
    buildPackages: stack.buildPackages.join(' '),
    setup: setup(stack),
    buildEnv: buildEnvironment(stack),
    copyManifests: copyManifests(stack),
    install: stack.steps.install,
    copySources: !stack.copySourcesBeforeInstall,
    build: stack.steps.build,
    runtimePackages: ['tini', ...stack.runtimePackages].join(' '),
    portComment: portComment(stack),
    environment: environmentComment(stack),
    appDir: stack.app,
    healthcheck: healthcheck(stack),
    healthComment: healthComment(stack),
    cmd: execForm(stack.start.argv),
  };
}

export function renderDockerfile(stack: DockerStack, templates: DockerTemplates): string {
  return renderTemplate(templates.dockerfile, dockerfileValues(stack));
}

export function renderDockerignore(stack: DockerStack, templates: DockerTemplates): string {
  const paths = scaffoldPaths(stack);
  const buildOutput = stack.build?.outDir && !stack.build.outDir.startsWith('..') && stack.build.outDir !== '.' ? (stack.app ? `${stack.app}/${stack.build.outDir}` : stack.build.outDir) : '';
  const base: TemplateValues = {
    ignoreFile: paths.dockerignore.slice(stack.context ? stack.context.length + 1 : 0),
    appName: stack.appName,
    plugAndPlay: stack.packageManager.plugAndPlay,
    buildOutput,
    gitignored: '',
    gitignoreFiles: '',
  };
  const standard = new Set(renderTemplate(templates.dockerignore, base).split('\n'));
  const extra = stack.ignored.filter((line) => !standard.has(line) && line !== buildOutput);
  const sources = stack.app ? '.gitignore files' : '.gitignore';
  return renderTemplate(templates.dockerignore, { ...base, gitignored: extra.join('\n'), gitignoreFiles: sources });
}
