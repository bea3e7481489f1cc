#!/usr/bin/env node
import { processIo } from './output/cli-io.js';
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), {
  io: processIo(),
  pipeline: async () => (await import('./pipeline/default-pipeline.js')).createDefaultPipeline(),
});
process.exitCode = code;
