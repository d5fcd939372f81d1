// A reader for text/event-stream bodies (the WHATWG server-sent events format), for use with
// fetch: EventSource cannot send an Authorization header.

function dispatchBlock(block, onEvent) {
  let event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length > 0) onEvent(event, data.join('\n'));
}

/** Reads events from a response body until it ends; calls onEvent(eventName, data) for each. */
export async function readServerSentEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    // CRLF and CR end lines too; a CR at the very end waits for the next chunk.
    buffer = (buffer + value).replace(/\r\n|\r(?!$)/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      dispatchBlock(buffer.slice(0, end), onEvent);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
    }
  }
  if (buffer.trim() !== '') dispatchBlock(buffer, onEvent);
}
