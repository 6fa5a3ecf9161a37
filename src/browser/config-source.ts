/**
 * Finds the configuration among its three sources, in the contract's order of precedence:
 * the `config` property, then inline JSON, then `config-url`.
 */
import {parseConfig, parseConfigText, type ConfigResult} from '../core/config.js';

export interface ConfigSources {
  readonly config?: unknown;
  readonly inlineJson?: string;
  readonly configUrl?: string;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
}

const NO_SOURCE: ConfigResult = {
  ok: false,
  problems: [
    {
      path: '',
      message:
        'no configuration: set the config property, add a <script type="application/json"> child, or set config-url',
    },
  ],
  warnings: [],
};

export async function loadConfig(sources: ConfigSources): Promise<ConfigResult> {
  if (sources.config !== undefined && sources.config !== null) return parseConfig(sources.config);
  if (sources.inlineJson !== undefined) return parseConfigText(sources.inlineJson);
  if (!sources.configUrl) return NO_SOURCE;

  const doFetch = sources.fetch ?? globalThis.fetch.bind(globalThis);
  const url = new URL(sources.configUrl, document.baseURI).href;
  try {
    const response = await doFetch(url, {
      headers: {Accept: 'application/json'},
      credentials: 'same-origin',
      ...(sources.signal && {signal: sources.signal}),
    });
    if (!response.ok) {
      return failure(`configuration could not be loaded from ${url}: HTTP ${response.status}`);
    }
    return parseConfigText(await response.text());
  } catch (error) {
    // Only our own abort passes through; a body that broke off is a network failure.
    if (sources.signal?.aborted) throw error;
    return failure(`configuration could not be loaded from ${url}: network error`);
  }
}

function failure(message: string): ConfigResult {
  return {ok: false, problems: [{path: '', message}], warnings: []};
}
