#!/usr/bin/env node
'use strict';
// fabric-contract-api logs every decorator at INFO unless told otherwise, as a peer would.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'WARNING';
require('../dist/src/cli/main.js');
