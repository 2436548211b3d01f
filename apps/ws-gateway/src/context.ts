import type { MethodContext } from './methods/index.ts';
import type { DispatchContext } from './rpc/dispatcher.ts';
import type { EndpointContext } from './session/websocket-endpoint.ts';

/**
 * Every service the gateway's parts use, built once in app.ts. Each part names only its share
 * (a handler's context, the dispatcher's, the endpoint's), so this whole is for the wiring alone.
 */
export type GatewayContext = MethodContext & DispatchContext & EndpointContext;
