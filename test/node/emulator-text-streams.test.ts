// The emulator reassembles the text streams a page sends (lk.chat); a broken one is dropped
// rather than thrown, since it arrives inside werift's data channel callback.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import {
  DataPacket,
  DataStream_CompressionType,
  DataStream_Header,
  DataStream_TextHeader,
} from '@livekit/protocol';
import { TextStreamAssembler } from '../../emulator/livekit/data-packets.js';

function inlineHeader(content: Uint8Array, compression: DataStream_CompressionType): DataPacket {
  const header = new DataStream_Header({
    streamId: 'stream-1',
    topic: 'lk.chat',
    compression,
    inlineContent: content,
    contentHeader: { case: 'textHeader', value: new DataStream_TextHeader() },
  });
  return new DataPacket({ value: { case: 'streamHeader', value: header } });
}

test('reads a deflate-raw compressed inline text', () => {
  const compressed = deflateRawSync(Buffer.from('Hello, agent', 'utf8'));
  const received = new TextStreamAssembler().accept(
    inlineHeader(compressed, DataStream_CompressionType.DEFLATE_RAW),
  );
  assert.equal(received?.topic, 'lk.chat');
  assert.equal(received?.text, 'Hello, agent');
});

test('drops an inline text that claims deflate-raw but is not', () => {
  const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff]);
  const received = new TextStreamAssembler().accept(
    inlineHeader(garbage, DataStream_CompressionType.DEFLATE_RAW),
  );
  assert.equal(received, undefined);
});
