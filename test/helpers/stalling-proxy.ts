/** A TCP proxy to PostgreSQL that can stall the network: for the fault test and bench/faults.ts. */
import net from 'node:net';

/** A TCP proxy that, while stalled, swallows bytes both ways; resume() drops what it broke. */
export async function stallingProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  let stalled = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(inbound).add(outbound);
    inbound.on('data', (chunk) => void (stalled || outbound.write(chunk)));
    outbound.on('data', (chunk) => void (stalled || inbound.write(chunk)));
    const close = () => {
      inbound.destroy();
      outbound.destroy();
      sockets.delete(inbound);
      sockets.delete(outbound);
    };
    inbound.on('close', close).on('error', close);
    outbound.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const via = new URL(targetUrl);
  via.host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url: via.toString(),
    stall: () => (stalled = true),
    resume: () => {
      stalled = false;
      for (const s of sockets) s.destroy();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(r));
    },
  };
}
