import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import t from 'tap';
import { buildTestApp, testConfig } from '../helpers/app.js';

t.test('tracing is off by default', async (t) => {
  t.equal(testConfig().tracing.enabled, false);
  const exporter = new InMemorySpanExporter();
  const { app } = await buildTestApp(t, { deps: { spanExporter: exporter } });
  await app.inject({ method: 'GET', url: '/v1/competitions' });
  t.same(exporter.getFinishedSpans(), [], 'no span without TRACING_ENABLED');
});

t.test('with TRACING_ENABLED a request produces a span with its route, status and the caller\'s trace', async (t) => {
  const exporter = new InMemorySpanExporter();
  const { app } = await buildTestApp(t, { env: { TRACING_ENABLED: 'true', OTEL_SERVICE_NAME: 'skyrocket-test' }, deps: { spanExporter: exporter } });
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const res = await app.inject({ method: 'GET', url: '/v1/competitions?limit=5', headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
  t.equal(res.statusCode, 200);
  await app.inject({ method: 'GET', url: '/health/live' });

  const spans = exporter.getFinishedSpans();
  const request = spans.find((s) => s.name === 'request' && s.attributes['http.route'] === '/v1/competitions');
  t.ok(request, `a request span for the route (spans: ${spans.map((s) => s.name).join(', ')})`);
  t.equal(request?.attributes['http.response.status_code'], 200, 'with the status');
  t.equal(request?.spanContext().traceId, traceId, 'continuing the trace of the incoming traceparent');
  t.equal(request?.resource.attributes['service.name'], 'skyrocket-test', 'under the service name');
  const handler = spans.find((s) => s.parentSpanContext?.spanId === request?.spanContext().spanId);
  t.equal(handler?.attributes['fastify.type'], 'request-handler', 'the handler is a child span');
  t.equal(spans.length, 2, 'hooks are not traced (one request span and its handler)');
  t.equal(request?.attributes['http.request.method'], 'GET');
  t.notOk(spans.some((s) => String(s.attributes['http.route'] ?? s.name).includes('/health/')), 'probes are not traced');
});

t.test('spans are exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT, flushed on close', async (t) => {
  const received: Array<{ url: string; type: string; body: string }> = [];
  const collector = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', type: req.headers['content-type'] ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  t.teardown(() => collector.close());
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;

  const { app } = await buildTestApp(t, { env: { TRACING_ENABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
  t.equal((await app.inject({ method: 'GET', url: '/v1/competitions' })).statusCode, 200);
  await app.close();
  t.equal(received.length, 1, 'one batch, sent when the app closed');
  t.equal(received[0]?.url, '/v1/traces');
  t.match(received[0]?.type, /^application\/json/);
  t.match(received[0]?.body, /"\/v1\/competitions"/, 'the request span, with its route');
  t.match(received[0]?.body, /"skyrocket"/, 'under the default service name');
});
