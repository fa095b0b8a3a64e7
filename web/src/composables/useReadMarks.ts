import { onBeforeUnmount, ref } from 'vue';
import type { Member } from '../api/chatTypes';
import { advanceRead, type ReadSeqs } from './readMarks';
import { useConnection, type Connection } from './useConnection';

/**
 * How far each member of the shown session has read: taken from the member list, then moved
 * on by the `read` frames the gateway forwards (docs/protocol.md).
 */
export function useReadMarks(
  sessionId: () => string,
  connection: Pick<Connection, 'onFrame'> = useConnection(),
) {
  const readSeqs = ref<ReadSeqs>({});

  function seed(members: Member[]): void {
    let next = readSeqs.value;
    for (const m of members) next = advanceRead(next, m.userId, m.readSeq);
    readSeqs.value = next;
  }

  function reset(): void {
    readSeqs.value = {};
  }

  const off = connection.onFrame((frame) => {
    if (frame.type !== 'read' || frame.sessionId !== sessionId()) return;
    readSeqs.value = advanceRead(readSeqs.value, frame.userId, frame.seq);
  });
  onBeforeUnmount(off);

  return { readSeqs, seed, reset };
}
