import type { ConstraintFields } from '@konecta/core';

/**
 * The auth schema's check and unique constraints as a client meets them: the field at fault and
 * what to do (see `hrConstraints`). A test fails when a constraint has no entry.
 */
export const authConstraints: ConstraintFields = {
  users_email_lower_idx: { path: 'email', message: 'Another user has this email address.' },
  users_username_lower_idx: { path: 'username', message: 'Another user has this username.' },
  users_employee_idx: { message: 'This employee already has a login.' },
  roles_name_unique: { path: 'name', message: 'Another role has this name.' },
  invitations_token_hash_unique: { message: 'Two invitations were given the same link at once; try again.' },
  refresh_tokens_token_hash_unique: { message: 'Two sessions were given the same token at once; try again.' },
  notifications_event_user_kind_idx: { message: 'This notification was already delivered.' },
};
