import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageEvent } from '@chat/proto/chat/message/v1/message';
import { MongoClient } from 'mongodb';
import { newId, startBed } from './session.fixture.js';

describe('stopping the session service', () => {
  it('applies every activity update it received before the database goes away', async () => {
    const bed = await startBed();
    const owner = newId();
    const created = await bed.call.createGroup({
      userId: owner,
      name: 'Busy',
      visibility: 'public',
      iconFileId: '',
      memberIds: [],
    });
    const sessionId = created.session!.id;
    const dbName = bed.service.database.db.databaseName;

    for (let seq = 1; seq <= 40; seq++) {
      const message = {
        sessionId,
        seq,
        id: newId(),
        clientMsgId: newId(),
        senderId: owner,
        kind: 'text',
        text: `m${seq}`,
        file: undefined,
        replyToSeq: 0,
        mentionIds: [],
        system: undefined,
        createdAtMs: Date.now(),
        editedAtMs: 0,
        recalled: false,
      };
      const event = MessageEvent.encode({ type: 'stored', message }).finish();
      bed.nc.publish(`session.${sessionId}.event`, event);
    }
    await bed.nc.flush();
    await bed.service.stop();

    const client = await MongoClient.connect(bed.db.url);
    try {
      const sessions = client.db(dbName).collection<{ _id: string; lastSeq: number }>('sessions');
      const session = await sessions.findOne({ _id: sessionId });
      assert.equal(session?.lastSeq, 40);
    } finally {
      await client.close();
      await bed.nc.close();
      await Promise.all([bed.nats.stop(), bed.db.stop()]);
    }
  });
});
