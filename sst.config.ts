import type { SSTConfig } from 'sst';
import { stacks } from './stacks';

export default {
  config() {
    return { name: 'konecta-erp', region: 'us-east-1' };
  },
  stacks(app) {
    stacks(app);
  },
} satisfies SSTConfig;
