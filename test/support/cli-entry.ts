/** Runs the CLI from source (no build needed), exactly as bin/ovirt-floppy.js runs the compiled one. */
import { main } from '../../src/cli/main.js';

void main(process.argv.slice(2));
