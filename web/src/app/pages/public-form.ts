import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { FormMessage } from '../shared/form-submit';

/** What the signed-out form pages (sign-in, password, invitation, verification) import. */
export const PUBLIC_FORM_IMPORTS = [
  ReactiveFormsModule,
  RouterLink,
  MatCardModule,
  MatFormFieldModule,
  MatInputModule,
  MatButtonModule,
  FormMessage,
] as const;
