import { createMetrics } from '@chat/kit';
import { Counter, Gauge, Histogram } from 'prom-client';

/** The gateway's series, beside the process metrics every service has. */
export function gatewayMetrics(gatewayId: string) {
  const base = createMetrics('gateway');
  base.registry.setDefaultLabels({ service: 'gateway', node: gatewayId });
  const registers = [base.registry];

  return {
    ...base,
    http: new Histogram({
      name: 'chat_http_request_duration_seconds',
      help: 'Duration of API requests, by method and status',
      labelNames: ['method', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    connections: new Gauge({
      name: 'chat_ws_connections',
      help: 'Open WebSocket connections',
      registers,
    }),
    sessionFeeds: new Gauge({
      name: 'chat_session_subscriptions',
      help: 'Sessions whose bus subjects this gateway subscribes to',
      registers,
    }),
    frames: new Counter({
      name: 'chat_ws_frames_total',
      help: 'WebSocket frames received, by type',
      labelNames: ['type'],
      registers,
    }),
  };
}
