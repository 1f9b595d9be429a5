// Fail CI when the integration tests did not run (issue #3 §6). Reads vitest's JSON report (given as the
// only argument): every *.int.test.ts file is an integration test; zero of them executed (passed or failed)
// means the lab or the integration project was skipped.
'use strict';
const fs = require('node:fs');

const file = process.argv[2];
let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`ci: no usable vitest JSON report at ${file} (${e.message})`);
  process.exit(1);
}
const assertions = (pred) => (report.testResults || []).filter((f) => pred(f.name)).flatMap((f) => f.assertionResults || []);
const executed = (list) => list.filter((a) => a.status === 'passed' || a.status === 'failed').length;
const integ = assertions((n) => n.endsWith('.int.test.ts'));
const unit = assertions((n) => !n.endsWith('.int.test.ts'));
console.log(
  `ci: unit tests executed ${executed(unit)}, integration tests executed ${executed(integ)}` +
    ` (passed ${integ.filter((a) => a.status === 'passed').length}, not run ${integ.length - executed(integ)})`,
);
if (executed(integ) === 0) {
  console.error('ci: FAIL: the integration tests did not run');
  process.exit(1);
}
