import { AsyncItemQueue } from './async-item-queue';

function queue(highWaterMark = 10) {
  const flow = { highWaterMark, pause: jest.fn(), resume: jest.fn() };
  return { flow, items: new AsyncItemQueue<string>(flow) };
}

describe('AsyncItemQueue', () => {
  it('hands items over in order, to waiting and to later consumers', async () => {
    const { items } = queue();
    const waiting = items.next();
    items.push('a');
    items.push('b');
    await expect(waiting).resolves.toEqual({ done: false, value: 'a' });
    await expect(items.next()).resolves.toEqual({ done: false, value: 'b' });
  });

  it('pauses the producer at the high-water mark and resumes it once drained', async () => {
    const { flow, items } = queue(2);
    items.push('a');
    items.push('b');
    items.push('c');
    expect(flow.pause).toHaveBeenCalledTimes(1);
    await items.next();
    await items.next();
    expect(flow.resume).not.toHaveBeenCalled();
    await items.next();
    expect(flow.resume).toHaveBeenCalledTimes(1);
  });

  it('delivers buffered items before an error, then rejects', async () => {
    const { items } = queue();
    items.push('a');
    items.fail(new Error('dropped'));
    items.push('ignored');
    await expect(items.next()).resolves.toEqual({ done: false, value: 'a' });
    await expect(items.next()).rejects.toThrow('dropped');
  });

  it('rejects a waiting consumer on failure', async () => {
    const { items } = queue();
    const waiting = items.next();
    items.fail(new Error('dropped'));
    await expect(waiting).rejects.toThrow('dropped');
  });

  it('delivers buffered items before the end', async () => {
    const { items } = queue();
    items.push('a');
    items.end();
    await expect(items.next()).resolves.toEqual({ done: false, value: 'a' });
    await expect(items.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('close drops buffered items and a pending failure, and releases waiters', async () => {
    const { items } = queue();
    const waiting = items.next();
    items.close();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });

    const other = queue().items;
    other.push('a');
    other.fail(new Error('x'));
    other.close();
    await expect(other.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
