/** Notification texts are rendered from kind + params in the reader's language. */
import { describe, expect, it } from 'vitest';
import { notificationCatalog, notificationKinds, renderNotification } from './notifications.ts';

describe('renderNotification', () => {
  const upcoming = { activityKind: 'theme_party_day', topic: '重温入党誓词', startsAt: '2026-07-01 09:00', place: '党员活动室', orgName: '第一党支部' };

  it('shows the activity kind with its label and the place when there is one', () => {
    expect(renderNotification('activity_upcoming', upcoming, 'zh-CN')).toEqual({
      title: '主题党日即将召开',
      body: '第一党支部主题党日“重温入党誓词”将于 2026-07-01 09:00 召开，地点：党员活动室，请准时参加；如不能参加，请提前请假。',
    });
    expect(renderNotification('activity_upcoming', upcoming, 'en').body).toBe(
      '第一党支部: Theme party day "重温入党誓词" starts at 2026-07-01 09:00, 党员活动室. Please attend on time, or ask for leave in advance.',
    );
  });

  it('leaves the place out rather than printing an empty one', () => {
    expect(renderNotification('activity_upcoming', { ...upcoming, place: '' }, 'zh-CN').body).toContain('09:00 召开，请准时参加');
    expect(renderNotification('makeup_assigned', { activityKind: 'party_lesson', topic: 't', heldOn: '2026-07-01', dueOn: '' }, 'zh-CN').body).toBe('您未参加 2026-07-01 的党课“t”，请阅读会议材料并填写学习体会。');
  });

  it('shows an unknown kind by its id instead of failing (rows written by a newer version)', () => {
    expect(renderNotification('from_the_future', {}, 'en')).toEqual({ title: 'from_the_future', body: '' });
  });

  it('has a title and body in both languages for every kind, using only its own parameters', () => {
    for (const kind of notificationKinds) {
      const entry = notificationCatalog[kind];
      const names = new Set([...Object.keys(entry.params.shape), 'placeZh', 'placeEn', 'dueOnZh', 'dueOnEn']);
      for (const text of [entry.title['zh-CN'], entry.title.en, entry.body['zh-CN'], entry.body.en]) {
        expect(text.length).toBeGreaterThan(0);
        for (const [, name] of text.matchAll(/\{(\w+)\}/g)) expect(names.has(name!), `${kind}: {${name}}`).toBe(true);
      }
    }
  });
});
