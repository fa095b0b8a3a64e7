import type { ChatMessage, ChatSession } from '../../api/chatTypes';

type Translate = (key: string, params?: Record<string, unknown>) => string;
type NameOf = (userId: string) => string | null;

/** A word for a message that is not text, for previews and quotes. */
export function kindLabel(kind: string, t: Translate): string {
  if (kind === 'image') return t('chat.kindImage');
  if (kind === 'voice') return t('chat.kindVoice');
  return t('chat.kindFile');
}

/** A private session is named after the other person; a group by its own name. */
export function sessionTitle(session: ChatSession, selfId: string | null, nameOf: NameOf): string {
  if (session.kind === 'group') return session.name;

  const peerId = session.memberIds.find((id) => id !== selfId) ?? selfId ?? '';
  return nameOf(peerId) ?? (session.name || '…');
}

const SUBJECT_TARGETS = new Set(['join', 'leave']);

/** A system message as a sentence in the viewer's language. */
export function systemText(
  message: Pick<ChatMessage, 'system'>,
  t: Translate,
  te: (key: string) => boolean,
  personName: (userId: string, role?: 'object') => string,
): string {
  const event = message.system;
  if (!event) return t('system.other');

  const key = `system.${event.action}`;
  if (!te(key)) return t('system.other');

  const detail = roleWord(event.detail, t);
  // In "{targets} joined." the targets are the subject; elsewhere they are acted upon.
  const targetRole = SUBJECT_TARGETS.has(event.action) ? undefined : 'object';
  return t(key, {
    actor: personName(event.actorId),
    targets: event.targetIds.map((id) => personName(id, targetRole)).join(', '),
    detail,
  });
}

function roleWord(detail: string, t: Translate): string {
  if (detail === 'admin') return t('members.roleAdmin');
  if (detail === 'member') return t('members.roleMember');
  if (detail === 'owner') return t('members.roleOwner');
  return detail;
}
