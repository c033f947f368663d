import { embeddedEngine } from '../support/engines';
import { pointsSuite } from './points-suite';

pointsSuite(embeddedEngine);
