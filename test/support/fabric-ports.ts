/**
 * Ports for test networks: each Fabric test file reserves a free range at
 * start (see `reserveBasePort`), so that two CI runs on one machine, or test
 * files running in parallel, never collide. `ETER_TEST_FABRIC_PORT_FROM`
 * sets where the search starts (default: a random slot).
 */
import { reserveBasePort, type PortReservation } from '../../src/fabric/free-ports';

export function reserveTestPorts(orderers = 1): Promise<PortReservation> {
  const from = Number(process.env.ETER_TEST_FABRIC_PORT_FROM);
  return reserveBasePort({ orderers, ...(Number.isInteger(from) && from > 0 ? { from } : {}) });
}
