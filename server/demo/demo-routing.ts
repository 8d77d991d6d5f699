import { parseRoutingSetup, type RoutingSetup } from '../domain/routing-setup/index.js';
import demoRoutingJson from './demo-routing.json' with { type: 'json' };

/** Where the demo's routing comes from, for logs and errors; also a ROUTING_FILE example to copy. */
export const DEMO_ROUTING_SOURCE = 'server/demo/demo-routing.json';

/**
 * The demo town hall's routing setup, in the ROUTING_FILE format and validated by the same
 * schema: two sites' opening hours, the four queues (keywords, assignment, service levels) and
 * the staff's skills and capacities. Applied in demo mode when no ROUTING_FILE is given.
 */
export const DEMO_ROUTING: RoutingSetup = parseRoutingSetup(demoRoutingJson, DEMO_ROUTING_SOURCE);
