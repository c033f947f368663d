import { fabricEngine, fabricSkipReason } from '../support/engines';
import { contractSuite } from './contract-suite';

// The same suite as on the embedded ledger, on a real local Fabric network.
const skip = fabricSkipReason();
if (skip === undefined) contractSuite(fabricEngine());
else console.log(`# skip: ${skip}`);
