import {expect} from '@open-wc/testing';
import {ActivityLog} from '../../src/core/activity.js';

describe('ActivityLog', () => {
  it('lists every configured purpose, empty, before anything happened', () => {
    expect(new ActivityLog(['analytics', 'ads']).snapshot()).to.deep.equal({
      analytics: {ran: [], blocked: [], removed: []},
      ads: {ran: [], blocked: [], removed: []},
    });
  });

  it('keeps each host or name once per purpose and kind, in the order first seen', () => {
    const log = new ActivityLog(['analytics', 'ads']);
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
    expect(log.blockedCount('analytics')).to.equal(3);
    expect(log.blockedCount('ads')).to.equal(1);
    expect(log.blockedCount('unknown')).to.equal(0);
  });

  it('tells of a change only when something was added or a request held back', () => {
    let changes = 0;
    const log = new ActivityLog(['analytics'], () => changes++);
    log.note(['analytics'], 'ran', 'tags.example');
    log.note(['analytics'], 'ran', 'tags.example');
    log.note(['analytics'], 'blocked', 'beacon.example');
    log.note(['analytics'], 'blocked', 'beacon.example');
    log.note(['other'], 'removed', '_ga');
    expect(changes).to.equal(3);
  });

  it('gives copies a caller cannot change', () => {
    const log = new ActivityLog(['analytics']);
    log.note(['analytics'], 'ran', 'tags.example');
    const snapshot = log.snapshot();
    (snapshot.analytics!.ran as string[]).push('forged.example');
    expect(log.snapshot().analytics!.ran).to.deep.equal(['tags.example']);
    expect(Object.isFrozen(snapshot.analytics)).to.equal(true);
  });
});
