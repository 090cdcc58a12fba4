import './graph.css';
import { GraphApp } from './app';
import { detectHost } from './host';

/** The graph page's entry: the same bundle runs in the VS Code webview and in the CLI's HTML file. */
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
root.id = 'app';
root.classList.add('graph-app');
const app = new GraphApp(root, detectHost());
// For the browser tests and the bench: a read-only look at what is drawn.
(window as unknown as { cloudwardGraph: { inspect: (detail?: boolean) => ReturnType<GraphApp['inspect']> } }).cloudwardGraph = { inspect: (detail = true) => app.inspect(detail) };
