import { InvalidFieldError } from '@chat/kit';
import { queryInt, requiredBoolean, requiredCount, requiredString } from '../http/fields.js';
import type { ApiRequest, Router } from '../http/router.js';
import { authenticate } from './identity.js';
import type { SessionRouteDeps } from './session-routes.js';
import { memberJson, nextOffset, sessionIdOf } from './session-wire.js';

/** Members and what owners and admins do to them. */
export function addModerationRoutes(
  router: Router,
  { sessions, verifier }: SessionRouteDeps,
): void {
  const target = async (req: ApiRequest) => {
    const { userId } = await authenticate(req, verifier);
    const targetId = req.params['userId'] ?? '';
    if (!/^[0-9a-f-]{36}$/.test(targetId)) throw new InvalidFieldError('userId', 'Not a user id.');
    return { userId, sessionId: sessionIdOf(req), targetId };
  };
  const member = (m: Parameters<typeof memberJson>[0]) => ({
    status: 200,
    body: { member: memberJson(m) },
  });

  router.add('GET', '/api/sessions/:id/members', async (req) => {
    const { userId } = await authenticate(req, verifier);
    const page = await sessions.listMembers(
      {
        userId,
        sessionId: sessionIdOf(req),
        offset: queryInt(req.query, 'offset', 0, 100_000),
        limit: queryInt(req.query, 'limit', 100, 200),
      },
      { reqId: req.reqId },
    );
    return {
      status: 200,
      body: { members: page.members.map(memberJson), nextOffset: nextOffset(page.nextOffset) },
    };
  });

  router.add('POST', '/api/sessions/:id/members/:userId/role', async (req) => {
    const role = requiredString(req.body, 'role', 16);
    return member((await sessions.setRole({ ...(await target(req)), role })).member);
  });

  router.add('POST', '/api/sessions/:id/members/:userId/kick', async (req) =>
    member((await sessions.kick(await target(req))).member),
  );

  router.add('POST', '/api/sessions/:id/members/:userId/mute', async (req) => {
    const untilMs = requiredCount(req.body, 'untilMs');
    return member((await sessions.mute({ ...(await target(req)), untilMs })).member);
  });

  router.add('POST', '/api/sessions/:id/members/:userId/ban', async (req) => {
    const banned = requiredBoolean(req.body, 'banned');
    return member((await sessions.ban({ ...(await target(req)), banned })).member);
  });

  router.add('POST', '/api/sessions/:id/members/:userId/owner', async (req) =>
    member((await sessions.transferOwnership(await target(req))).member),
  );

  router.add('POST', '/api/sessions/:id/read', async (req) => {
    const { userId } = await authenticate(req, verifier);
    const seq = requiredCount(req.body, 'seq');
    return member((await sessions.markRead({ userId, sessionId: sessionIdOf(req), seq })).member);
  });
}
