// Talking to the ledger's JSON API. The key travels in X-Api-Key; errors come back as RFC 9457 problems and are
// turned into message descriptors ({ key, params }) so the page never shows raw JSON.

/** The API answered with a problem (or a bare error status). */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.slug = slugOf(this.problem.type) ?? `http-${status}`;
  }
}

/** No answer arrived: the request may or may not have reached the server. */
export class NetworkError extends Error {}

// A village network can hang instead of failing; after this long the answer is treated as lost.
const timeoutMs = 15000;
// Waits between automatic retries of one submission (the same Idempotency-Key every time).
const retryDelaysMs = [400, 1200, 2500];

export function createApi(getKey) {
  async function send(method, path, { body, headers = {} } = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(path, {
        method,
        body,
        cache: 'no-store',
        credentials: 'omit',
        signal: controller.signal,
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(getKey() ? { 'X-Api-Key': getKey() } : {}),
          ...headers,
        },
      });
      const text = await response.text();
      const json = parseJson(text);
      if (!response.ok) throw new ApiProblem(response.status, json);
      return json;
    } catch (error) {
      if (error instanceof ApiProblem) throw error;
      throw new NetworkError(error?.message ?? 'network');
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    /** GETs path; a dropped connection is tried again at once (reading twice changes nothing). */
    async get(path) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await send('GET', path);
        } catch (error) {
          if (!(error instanceof NetworkError) || attempt >= 3) throw error;
          await sleep(300 * attempt);
        }
      }
    },

    /** PUTs bodyText: a setting, the same whether it arrives once or twice, so a failure is simply shown. */
    async put(path, bodyText) {
      return send('PUT', path, { body: bodyText });
    },

    /**
     * POSTs bodyText with one Idempotency-Key, retrying while no definite answer comes back. Every retry sends the
     * same key and the same bytes, so the server answers a retry of a request it already carried out with the first
     * answer instead of doing it again: a flaky network never charges a household twice.
     */
    async postIdempotent(path, bodyText, idempotencyKey, onRetry) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await send('POST', path, { body: bodyText, headers: { 'Idempotency-Key': idempotencyKey } });
        } catch (error) {
          if (!isRetryable(error) || attempt > retryDelaysMs.length) throw error;
          onRetry?.(attempt + 1);
          await sleep(retryDelaysMs[attempt - 1]);
        }
      }
    },
  };
}

/** True when the outcome is unknown or the server could not decide: the same request may be sent again. */
export function isRetryable(error) {
  return error instanceof NetworkError
    || (error instanceof ApiProblem && (error.status >= 500 || error.slug === 'concurrency-conflict'));
}

/**
 * A fresh Idempotency-Key, named after the page that sends it. crypto.randomUUID needs a secure context, which a
 * village office PC reaching the server over plain http on the LAN is not; getRandomValues works everywhere.
 */
export function newIdempotencyKey(page = 'page') {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `${page}-` + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** The message for an error, as { key, params } for i18n. */
export function describeError(error, has, nameOfSku = sku => sku) {
  if (error instanceof NetworkError) return { key: 'network.down' };
  if (!(error instanceof ApiProblem)) return { key: 'problem.unknown', params: { status: '?', type: 'client' } };
  const p = error.problem;
  const params = { ...p, status: error.status, type: error.slug };
  if (p.sku) params.item = nameOfSku(p.sku) ?? p.sku;
  if (error.slug === 'validation-failed') params.fields = Object.keys(p.errors ?? {}).join(', ') || p.detail || '';
  if (error.slug === 'internal-error') params.correlationId = p.correlationId ?? '';
  const key = `problem.${error.slug}`;
  if (has(key)) return { key, params };
  if (error.status === 401) return { key: 'problem.unauthorized' };
  if (error.status === 403) return { key: 'problem.forbidden' };
  if (error.status >= 500) return { key: 'problem.store-unavailable' };
  return { key: 'problem.unknown', params };
}

function slugOf(type) {
  return typeof type === 'string' && type.startsWith('/problems/') ? type.slice('/problems/'.length) : null;
}

function parseJson(text) {
  if (!text) return null;
  try { return JSON.parse(text); } catch { return null; }
}

function sleep(ms) { return new Promise(resolve => setTimeout(resolve, ms)); }
