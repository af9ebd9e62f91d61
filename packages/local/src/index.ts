export { parseRunnerArgs, type RunnerArgs } from './args';
export { type LocalPlatform, startLocal } from './runner';
export { serviceModules } from './services';
