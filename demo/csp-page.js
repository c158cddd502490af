// The page's own script, external as the policy requires: lists the widget's events, showing a
// site can follow a conversation without touching the widget's internals.
const log = document.getElementById('event-log');
const widget = document.querySelector('krosai-conversation');

const describe = (event) => {
  if (event.type === 'krosai-call-state' || event.type === 'krosai-agent-state') {
    return `${event.type}: ${event.state}`;
  }
  if (event.type === 'krosai-message') return `${event.type}: ${event.message.role}`;
  if (event.type === 'krosai-error') return `${event.type}: ${event.reason}`;
  return event.type;
};

for (const type of [
  'krosai-call-state',
  'krosai-message',
  'krosai-error',
  'krosai-conversation-created',
]) {
  widget.addEventListener(type, (event) => {
    const item = document.createElement('li');
    // textContent, never innerHTML: the policy would refuse a string of HTML anyway.
    item.textContent = describe(event);
    log.append(item);
  });
}
