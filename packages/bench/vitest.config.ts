import { packageTestConfig } from '../../tools/vitest/package-config.ts';

export default packageTestConfig('bench');
