import { AppError, type AsyncClient } from '@chat/kit';
import type { AuthServiceService } from '@chat/proto/chat/auth/v1/auth';
import type { MessageServiceService } from '@chat/proto/chat/message/v1/message';
import type { SessionServiceService } from '@chat/proto/chat/session/v1/session';
import type { TokenVerifier } from '../auth/verifier.js';
import { optionalString, queryInt, requiredString, stringList } from '../http/fields.js';
import type { Router } from '../http/router.js';
import { messageJson } from '../ws/wire.js';
import { authenticate } from './identity.js';
import { addModerationRoutes } from './moderation-routes.js';
import { nextOffset, sessionIdOf, sessionJson } from './session-wire.js';

export interface SessionRouteDeps {
  auth: AsyncClient<typeof AuthServiceService>;
  sessions: AsyncClient<typeof SessionServiceService>;
  messages: AsyncClient<typeof MessageServiceService>;
  verifier: TokenVerifier;
}

/** Sessions: open, create, list, join, leave, invite, and their messages over HTTP. */
export function addSessionRoutes(router: Router, deps: SessionRouteDeps): void {
  const { auth, sessions, verifier } = deps;
  const one = async (p: Promise<{ session?: Parameters<typeof sessionJson>[0] }>) => ({
    status: 200,
    body: { session: sessionJson((await p).session) },
  });

  router.add('POST', '/api/sessions/private', async (req) => {
    const { userId } = await authenticate(req, verifier);
    const peerId = requiredString(req.body, 'peerId', 64);
    await auth.getUser({ userId: peerId }, { reqId: req.reqId });
    return one(sessions.openPrivate({ userId, peerId }, { reqId: req.reqId }));
  });

  router.add('POST', '/api/sessions', async (req) => {
    const { userId } = await authenticate(req, verifier);
    const created = await sessions.createGroup(
      {
        userId,
        name: requiredString(req.body, 'name', 256),
        visibility: optionalString(req.body, 'visibility', 16) ?? 'public',
        iconFileId: optionalString(req.body, 'iconFileId', 64) ?? '',
        memberIds: stringList(req.body, 'memberIds'),
      },
      { reqId: req.reqId },
    );
    return { status: 201, body: { session: sessionJson(created.session) } };
  });

  router.add('GET', '/api/sessions', async (req) => {
    const { userId } = await authenticate(req, verifier);
    const offset = queryInt(req.query, 'offset', 0, 100_000);
    const limit = queryInt(req.query, 'limit', 50, 100);
    const page = await sessions.listJoined({ userId, offset, limit }, { reqId: req.reqId });
    return {
      status: 200,
      body: { sessions: page.sessions.map(sessionJson), nextOffset: nextOffset(page.nextOffset) },
    };
  });

  router.add('GET', '/api/sessions/public', async (req) => {
    await authenticate(req, verifier);
    const page = await sessions.listPublic(
      {
        query: req.query.get('q') ?? '',
        offset: queryInt(req.query, 'offset', 0, 100_000),
        limit: queryInt(req.query, 'limit', 20, 50),
      },
      { reqId: req.reqId },
    );
    return {
      status: 200,
      body: { sessions: page.sessions.map(sessionJson), nextOffset: nextOffset(page.nextOffset) },
    };
  });

  router.add('GET', '/api/sessions/:id', async (req) => {
    const { userId } = await authenticate(req, verifier);
    return one(sessions.getSession({ userId, sessionId: sessionIdOf(req) }, { reqId: req.reqId }));
  });

  router.add('PATCH', '/api/sessions/:id', async (req) => {
    const { userId } = await authenticate(req, verifier);
    const change = {
      name: optionalString(req.body, 'name', 256),
      visibility: optionalString(req.body, 'visibility', 16),
      iconFileId: optionalString(req.body, 'iconFileId', 64),
    };
    return one(
      sessions.updateGroup(
        { userId, sessionId: sessionIdOf(req), ...change },
        { reqId: req.reqId },
      ),
    );
  });

  addMembershipRoutes(router, deps);
  addModerationRoutes(router, deps);
  addMessageRoutes(router, deps);
}

function addMembershipRoutes(router: Router, { sessions, verifier }: SessionRouteDeps): void {
  router.add('POST', '/api/sessions/:id/join', async (req) => {
    const { userId } = await authenticate(req, verifier);
    const { session } = await sessions.join(
      { userId, sessionId: sessionIdOf(req) },
      { reqId: req.reqId },
    );
    return { status: 200, body: { session: sessionJson(session) } };
  });

  router.add('POST', '/api/sessions/:id/leave', async (req) => {
    const { userId } = await authenticate(req, verifier);
    await sessions.leave({ userId, sessionId: sessionIdOf(req) }, { reqId: req.reqId });
    return { status: 204 };
  });

  router.add('POST', '/api/sessions/:id/invite', async (req) => {
    const { userId } = await authenticate(req, verifier);
    const inviteeIds = stringList(req.body, 'userIds');
    const reply = await sessions.invite(
      { userId, sessionId: sessionIdOf(req), inviteeIds },
      { reqId: req.reqId },
    );
    return { status: 200, body: { addedIds: reply.addedIds } };
  });
}

function addMessageRoutes(router: Router, { messages, verifier }: SessionRouteDeps): void {
  router.add('GET', '/api/sessions/:id/messages', async (req) => {
    const { userId } = await authenticate(req, verifier);
    const sessionId = sessionIdOf(req);
    const limit = queryInt(req.query, 'limit', 50, 200);
    const after = seqParam(req.query, 'afterSeq');
    const before = seqParam(req.query, 'beforeSeq');
    const ctx = { reqId: req.reqId };

    if (after !== undefined && before !== undefined && before > 0 && after >= before) {
      throw new AppError('invalid_seq', 'afterSeq must be below beforeSeq.', 400);
    }
    const reply =
      after === undefined
        ? await messages.history({ sessionId, userId, beforeSeq: before ?? 0, limit }, ctx)
        : await messages.sync({ sessionId, userId, afterSeq: after, limit }, ctx);

    // With both bounds, a sync page is cut at beforeSeq.
    const inRange = reply.messages.filter((m) => !before || after === undefined || m.seq < before);
    const hasMore = reply.hasMore && inRange.length === reply.messages.length;
    return { status: 200, body: { messages: inRange.map(messageJson), hasMore } };
  });
}

function seqParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^\d{1,15}$/.test(raw)) {
    throw new AppError('invalid_seq', `${name} must be a whole number, 0 or more.`, 400);
  }
  return Number(raw);
}
