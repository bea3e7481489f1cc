import { fork } from 'node:child_process';
const child = fork('repro.local.ts', [process.argv[2] ?? '8000'], { execArgv: ['--import', 'tsx', '--conditions=@patchcore/source'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
child.stderr.on('data', (d) => process.stderr.write(d));
child.stdout.resume();
child.on('exit', (c) => console.log('exit', c));
