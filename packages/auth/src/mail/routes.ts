import { createRoute, createRouter, z } from '@konecta/core';
import { mailOutbox } from '@konecta/db';
import { desc } from 'drizzle-orm';
import type { AuthContext } from '../context';

const mailSchema = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    template: z.string(),
    createdAt: z.string(),
  })
  .openapi('Mail');

/**
 * Local stages only (not mounted elsewhere): the mail that would have been sent, newest first, so
 * invitations and codes can be followed without a mail server.
 */
export function mailboxRoutes(ctx: AuthContext) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/dev/mailbox',
      tags: ['local development'],
      summary: 'Mail that would have been sent (local stages only)',
      request: {
        query: z.object({
          to: z.string().trim().max(254).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: {
          description: 'Mailbox',
          content: { 'application/json': { schema: z.object({ items: z.array(mailSchema) }) } },
        },
      },
    }),
    async (c) => {
      const { to, limit } = c.req.valid('query');
      const rows = await ctx.db
        .select()
        .from(mailOutbox)
        .orderBy(desc(mailOutbox.createdAt))
        .limit(to ? 500 : limit);
      const items = rows
        .filter((m) => !to || m.to.toLowerCase() === to.toLowerCase())
        .slice(0, limit)
        .map((m) => ({
          id: m.id,
          to: m.to,
          subject: m.subject,
          text: m.text,
          template: m.template,
          createdAt: m.createdAt.toISOString(),
        }));
      return c.json({ items }, 200);
    },
  );
  return r;
}
