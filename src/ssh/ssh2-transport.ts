/**
 * The ssh2 implementation of transport.ts, as one import for the CLI: `new Ssh2Connector().connect(target, opts)`
 * opens an Ssh2Transport. The connector lives in connect.ts, the per-connection transport in ssh2-session.ts.
 */
export { Ssh2Connector, type Ssh2ConnectorOptions } from './connect.js';
export { Ssh2Transport, type Ssh2TransportParams } from './ssh2-session.js';
