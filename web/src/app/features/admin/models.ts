import type { AuthAnswer, AuthSchemas, GatewaySchemas } from '../../core/api-types';

/** The auth service's and the gateway's answers the administration screens use. */
export type AdminUser = AuthSchemas['User'];
export type UserStatus = AdminUser['status'];
export type UserPage = AuthSchemas['UserList'];
export type Role = AuthSchemas['Role'];
export type Permission = AuthAnswer<'/api/auth/permissions'>['items'][number];
export type Mail = AuthSchemas['Mail'];
export type ServiceHealth = GatewaySchemas['ServiceHealth'];
export type SystemHealth = GatewaySchemas['SystemHealth'];
