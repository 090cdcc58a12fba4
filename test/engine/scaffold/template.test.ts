import * as assert from 'node:assert/strict';
import { renderTemplate, TemplateError } from '../../../src/engine/scaffold/template';

describe('Dockerfile scaffold: template language (unit)', () => {
  it('replaces placeholders, keeps or drops blocks, and drops comment lines', () => {
    const template = ['{{! a comment }}', 'FROM {{image}}', '{{#tools}}', '', 'RUN install {{tools}}', '{{/tools}}', '{{^health}}', '# no health route', '{{/health}}', 'RUN npm ci{{^build}} --omit=dev{{/build}}', '{{list}}', 'CMD {{cmd}}', ''].join('\n');
    assert.equal(
      renderTemplate(template, { image: 'node:22', tools: 'g++ make', health: undefined, build: false, list: '', cmd: '["node", "a.js"]' }),
      'FROM node:22\n\nRUN install g++ make\n# no health route\nRUN npm ci --omit=dev\nCMD ["node", "a.js"]\n',
    );
    assert.equal(renderTemplate(template, { image: 'node:22', tools: '', health: 'yes', build: 'npm run build', list: 'A\nB', cmd: '[]' }), 'FROM node:22\nRUN npm ci\nA\nB\nCMD []\n');
  });

  it('nests blocks and collapses the blank lines dropped blocks leave', () => {
    const template = 'a\n\n{{#x}}\nx\n{{#y}}\ny\n{{/y}}\n{{/x}}\n\n\nb\n\n';
    assert.equal(renderTemplate(template, { x: true, y: false }), 'a\n\nx\n\nb\n');
    assert.equal(renderTemplate(template, { x: false, y: true }), 'a\n\nb\n');
  });

  it('fails on unknown names, unbalanced blocks and flags used as text', () => {
    assert.throws(() => renderTemplate('{{nope}}', {}), new TemplateError("unknown template value 'nope'"));
    assert.throws(() => renderTemplate('{{#a}}\nx\n', { a: true }), /\{\{#a\}\} is never closed/);
    assert.throws(() => renderTemplate('{{#a}}\n{{/b}}\n', { a: true }), /\{\{\/b\}\} closes \{\{#a\}\}/);
    assert.throws(() => renderTemplate('{{a}}', { a: true }), /is a flag, not text/);
    assert.throws(() => renderTemplate('x {{#a}}y\n', { a: true }), /malformed template line/);
  });
});
