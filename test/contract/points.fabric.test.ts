import { fabricEngine, fabricSkipReason } from '../support/engines';
import { pointsSuite } from './points-suite';

// The same points rules as on the embedded ledger, on a real local Fabric network.
const skip = fabricSkipReason();
if (skip === undefined) pointsSuite(fabricEngine());
else console.log(`# skip: ${skip}`);
