/**
 * Imported first by every web spec (they run under the root Vitest, in Node): Angular's
 * injectables need the JIT compiler outside an Angular build.
 */
import '@angular/compiler';
