import {expect} from '@open-wc/testing';
import {activityLog} from '../../src/core/activity.js';

describe('activityLog', () => {
  const silent = () => {};

  it('lists every configured purpose, empty, before anything happened', () => {
    expect(activityLog(['analytics', 'ads'], silent).snapshot()).to.deep.equal({
      analytics: {ran: [], blocked: [], removed: []},
      ads: {ran: [], blocked: [], removed: []},
    });
  });

  it('keeps each host or name once per purpose and kind, in the order first seen', () => {
    const log = activityLog(['analytics', 'ads'], silent);
    log.note(['analytics'], 'ran', 'tags.example');
    log.note(['analytics', 'ads'], 'blocked', 'beacon.example');
    log.note(['analytics'], 'blocked', 'beacon.example');
    log.note(['analytics'], 'blocked', 'pixel.example');
    log.note(['ads'], 'removed', '_fbp');
    log.note(['ads'], 'removed', '_fbp');
    log.note(['unknown'], 'ran', 'x.example'); // not configured: ignored
    expect(log.snapshot()).to.deep.equal({
      analytics: {ran: ['tags.example'], blocked: ['beacon.example', 'pixel.example'], removed: []},
      ads: {ran: [], blocked: ['beacon.example'], removed: ['_fbp']},
    });
  });

  it('counts every request held back, a host named once', () => {
    const log = activityLog(['analytics', 'ads'], silent);
    log.note(['analytics', 'ads'], 'blocked', 'beacon.example');
    log.note(['analytics'], 'blocked', 'beacon.example');
    log.note(['analytics'], 'blocked', 'pixel.example');
    expect(log.of('analytics')).to.deep.equal({
      ran: [],
      blocked: ['beacon.example', 'pixel.example'],
      removed: [],
      blockedCount: 3,
    });
    expect(log.of('ads')?.blockedCount).to.equal(1);
    expect(log.of('unknown')).to.equal(undefined);
  });

  it('tells of every note', () => {
    let changes = 0;
    const log = activityLog(['analytics'], () => changes++);
    log.note(['analytics'], 'ran', 'tags.example');
    log.note(['analytics'], 'blocked', 'beacon.example');
    expect(changes).to.equal(2);
  });

  it('gives copies a caller cannot change the log through', () => {
    const log = activityLog(['analytics'], silent);
    log.note(['analytics'], 'ran', 'tags.example');
    (log.snapshot().analytics!.ran as string[]).push('forged.example');
    (log.of('analytics')!.ran as string[]).push('forged.example');
    expect(log.snapshot().analytics!.ran).to.deep.equal(['tags.example']);
  });
});
