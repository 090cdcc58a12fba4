// The page's stylesheet is imported for esbuild, which writes it beside the script (dist/graph.css).
declare module '*.css';
