export {
  applyRoutingSetup,
  EMPTY_ROUTING_SETUP,
  jsonPath,
  parseRoutingSetup,
  parseRoutingSetupJson,
  RoutingSetup,
  RoutingSetupError,
  type ApplyResult,
  type RoutingSetupInput,
  type RoutingSetupStore,
  type SetupAgent,
} from './routing-setup.js';
