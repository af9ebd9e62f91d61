import {
  bearerSecurity,
  countUpTo,
  createRoute,
  createRouter,
  jsonContent,
  listQuery,
  pageOf,
  pageSchema,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import { mailOutbox } from '@konecta/db';
import { desc, sql } from 'drizzle-orm';
import type { AuthContext } from '../context';
import { currentSession } from '../http';

const mailSchema = z.openapi(
  z.object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    template: z.string(),
    createdAt: z.string(),
  }),
  'Mail',
);

/**
 * Local stages only (not mounted elsewhere): the mail that would have been sent, newest first, so
 * invitations and codes can be followed without a mail server. It shows every invitation link,
 * code and reset link, so only a signed-in user who may invite people (what its web page needs)
 * reads it: a local stage can still be reachable by others on the network.
 */
export function mailboxRoutes(ctx: AuthContext) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/dev/mailbox',
      tags: ['local development'],
      summary: 'Mail that would have been sent (local stages only)',
      security: bearerSecurity,
      middleware: [requirePermission('auth.users.invite'), currentSession(ctx)],
      request: {
        query: z.extend(listQuery(), { to: z.optional(z.string().check(z.trim(), z.maxLength(254))) }),
      },
      responses: {
        200: { description: 'Mailbox', ...jsonContent(pageSchema(mailSchema, 'MailList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { to, ...page } = c.req.valid('query');
      const where = to ? sql`lower(${mailOutbox.to}) = lower(${to})` : undefined;
      const rows = await ctx.db
        .select()
        .from(mailOutbox)
        .where(where)
        .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
        .limit(page.limit)
        .offset(page.offset);
      const items = rows.map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        text: m.text,
        template: m.template,
        createdAt: m.createdAt.toISOString(),
      }));
      return c.json(
        pageOf(
          items,
          await countUpTo(ctx.db, ctx.db.select({ id: mailOutbox.id }).from(mailOutbox).where(where)),
          page,
        ),
        200,
      );
    },
  );
  return r;
}
