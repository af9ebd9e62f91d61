import type { Routes } from '@angular/router';

/** Filled by this area's screens. */
const routes: Routes = [];
export default routes;
