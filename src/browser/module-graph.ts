/**
 * Which of the bundle's files each kind of page needs, so that the entry asks for all of them
 * at once (`<link rel="modulepreload">`) instead of each module discovering the next. The build
 * writes the lists (vite.config.ts, `moduleGraph`); run from the sources (tests, the dev
 * server) they are empty and nothing is preloaded.
 */

/**
 * File names, relative to this module: what the banner needs, the full center (the dialog,
 * the inline center), the session alone (a record to send or restore, a decision through the
 * API), the network backstop, the embeds' placeholders.
 */
export interface ModuleGraph {
  readonly banner: readonly string[];
  readonly center: readonly string[];
  readonly session: readonly string[];
  readonly backstop: readonly string[];
  readonly embeds: readonly string[];
}

export const MODULE_GRAPH: ModuleGraph = {
  banner: [],
  center: [],
  session: [],
  backstop: [],
  embeds: [],
};

/** The interactive half (src/center/center-controller.ts), as the entry loads it. */
export const loadController = () => import('../center/center-controller.js');

/**
 * Whether the lists name this bundle's own files. An app's bundler that takes our files in
 * renames them and rewrites the imports, not the lists: the controller's import then names
 * another file, and nothing is preloaded (the imports alone load what is needed).
 */
const isOwnBuild = (first = MODULE_GRAPH.banner[0]) =>
  first !== undefined && String(loadController).includes(first);

const requested = new Set<string>();

/** Asks the browser to fetch and compile these files now, each once per page. */
export function preloadModules(files: readonly string[]): void {
  if (!isOwnBuild()) return;
  for (const file of files) {
    if (requested.has(file)) continue;
    requested.add(file);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(file, import.meta.url).href;
    document.head.append(link);
  }
}

/** Imports a module with every file its path needs requested at the same moment. */
export function importPath<T>(files: readonly string[], load: () => Promise<T>): Promise<T> {
  preloadModules(files);
  return load();
}
