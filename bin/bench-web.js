#!/usr/bin/env node
'use strict';
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'WARNING';
require('../dist/src/bench/web-bench.js');
