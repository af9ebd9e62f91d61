import type { HrSchemas } from '../../core/api-types';

/** The answer of `GET /api/hr/dashboard`, generated from HR's OpenAPI document. */
export type HrDashboard = HrSchemas['HrDashboard'];
