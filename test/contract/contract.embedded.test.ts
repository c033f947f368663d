import { embeddedEngine } from '../support/engines';
import { contractSuite } from './contract-suite';

contractSuite(embeddedEngine);
