export type SessionKind = 'private' | 'group';
export type Visibility = 'public' | 'invite';
export type Role = 'owner' | 'admin' | 'member';

export interface LastMessage {
  seq: number;
  senderId: string;
  kind: string;
  preview: string;
  createdAt: string | null;
}

export interface ChatSession {
  id: string;
  kind: SessionKind;
  name: string;
  iconFileId: string | null;
  visibility: Visibility | null;
  ownerId: string | null;
  memberCount: number;
  memberIds: string[];
  createdAt: string | null;
  lastActivityAt: string | null;
  lastSeq: number;
  lastMessage: LastMessage | null;
  unreadCount: number;
  myRole: Role | null;
}

export interface Member {
  userId: string;
  role: Role;
  joinedAt: string | null;
  mutedUntil: string | null;
  readSeq: number;
}

export interface FileRef {
  fileId: string;
  name: string;
  mimeType: string;
  size: number;
  thumbnailFileId?: string;
  width?: number;
  height?: number;
  durationMs?: number;
}

export interface SystemEvent {
  action: string;
  actorId: string;
  targetIds: string[];
  detail: string;
}

export interface ChatMessage {
  sessionId: string;
  seq: number;
  id: string;
  clientMsgId: string;
  senderId: string;
  kind: string;
  text: string;
  file: FileRef | null;
  replyToSeq: number;
  mentionIds: string[];
  system: SystemEvent | null;
  createdAt: string | null;
  editedAt: string | null;
  recalled: boolean;
}

export interface SessionPage {
  sessions: ChatSession[];
  nextOffset: number | null;
}

export interface MemberPage {
  members: Member[];
  nextOffset: number | null;
}

export interface MessagePage {
  messages: ChatMessage[];
  hasMore: boolean;
}

export interface NewGroup {
  name: string;
  visibility: Visibility;
  memberIds: string[];
}
