import fp from 'fastify-plugin';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Config } from '../config.js';

export interface TracingOptions {
  tracing: Config['tracing'];
  /** Where spans go instead of OTLP, one by one (tests: an in-memory exporter). */
  exporter?: SpanExporter | undefined;
}

/**
 * OpenTelemetry request spans (@fastify/otel: one span per request, with children for the
 * handler and hooks), exported over OTLP/HTTP in batches. Registered first, so it sees every
 * route; off unless TRACING_ENABLED (docs/operations.md, "Tracing"). The provider is this app's,
 * not the process-wide global one, so apps built side by side do not mix their spans.
 */
export default fp(
  async (app, { tracing, exporter }: TracingOptions) => {
    // Process-wide, once (later calls are refused, harmlessly): the active span follows async work,
    // and an incoming `traceparent` continues the caller's trace.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': tracing.serviceName }),
      spanProcessors: [
        exporter
          ? new SimpleSpanProcessor(exporter)
          : new BatchSpanProcessor(new OTLPTraceExporter(tracing.endpoint ? { url: new URL('/v1/traces', tracing.endpoint).href } : {})),
      ],
    });
    const instrumentation = new FastifyOtelInstrumentation({
      // A span per request and one for its handler; hook spans (a dozen per request) cost more than they tell.
      instrumentHooks: false,
      // Probes and scrapes every few seconds would drown the traces that matter.
      ignorePaths: (route: { url: string }) => route.url.startsWith('/health/') || route.url === '/metrics' || route.url.startsWith('/docs'),
    });
    instrumentation.setTracerProvider(provider);
    await app.register(instrumentation.plugin());
    // Spans still in the batch are sent before the process exits.
    app.addHook('onClose', () => provider.shutdown());
  },
  { name: 'tracing' },
);
