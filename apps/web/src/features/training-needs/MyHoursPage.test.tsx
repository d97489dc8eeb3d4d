/**
 * 我的学时: the member sees their progress with the server's reasons rendered in their language,
 * the missed notice with its next step, hours by source, recommendations from their own gaps, and
 * can ask for a manual entry (the request carries the day, hours and content).
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StudyHoursView, TrainingProgressView } from '@pioneer/domain';
import { json, mockApi, renderWithProviders } from '../../test-utils.tsx';
import { MyHoursPage } from './MyHoursPage.tsx';

const progress: TrainingProgressView = {
  personId: 'p1',
  personName: '王小明',
  orgName: '第一党支部',
  year: new Date().getFullYear(),
  status: 'short',
  hoursDone: 18,
  hoursRequired: 32,
  centralisedDone: 0,
  centralisedRequired: 1,
  newSecretaryTrained: null,
  reasons: [
    { code: 'HOURS_PROGRESS', params: { year: 2026, done: 18, required: 32 }, text: '2026年 学时 18/32' },
    { code: 'CENTRALISED_MISSING', params: { deadline: '2026-10-31' }, text: '尚未参加集中培训（应于 2026-10-31 前参加）' },
  ],
  missed: { reasons: [{ code: 'MISSED_CENTRALISED', params: { deadline: '2026-10-31' }, text: '' }], action: { code: 'ACTION_ENROL_CLASS', params: {}, text: '' } },
  weak: null,
  requirement: { exempt: false, exemptReason: null, hours: 32, hoursBasis: 'member', centralised: { count: 1, deadline: '2026-10-31', bases: ['rotation'], rotation: { id: 'r1', title: '全县轮训' } }, newSecretary: null, ruleSetVersion: 'training-2019.1', sources: ['《中国共产党党员教育管理工作条例》（2019年）第二十条'] },
  completions: [],
  recommendations: [{ kind: 'direction', reason: { code: 'RECOMMEND_DIRECTION', params: { direction: '现代经济', directionEn: 'Modern economy' }, text: '' }, direction: 'modern_economy', courses: [{ id: 'c1', title: '数字经济与产业转型', direction: 'modern_economy' }], classes: [] }],
};
const ledger: StudyHoursView = {
  personId: 'p1',
  personName: '王小明',
  year: 2026,
  total: 18,
  bySourceType: [
    { sourceType: 'activity', hours: 10 },
    { sourceType: 'class_session', hours: 0 },
    { sourceType: 'course', hours: 8 },
    { sourceType: 'test', hours: 0 },
    { sourceType: 'external', hours: 0 },
    { sourceType: 'manual', hours: 0 },
  ],
  entries: [{ id: 'e1', creditedOn: '2026-05-01', hours: 2, description: '2026-05-01 党课：书记讲党课', sourceType: 'activity', sourceId: 'a1', orgId: 'o1', orgName: '第一党支部' }],
};

describe('MyHoursPage', { timeout: 60_000 }, () => {
  it('shows progress with reasons, the missed notice and its next step, hours by source and recommendations', async () => {
    mockApi({ 'GET /me/training-progress': json(200, progress), 'GET /me/study-hours': json(200, ledger), 'GET /me/manual-credits': json(200, { items: [] }) });
    renderWithProviders(<MyHoursPage />);
    expect(await screen.findByText('2026年 学时 18/32')).toBeTruthy();
    expect(screen.getByText('尚未参加集中培训（应于 2026-10-31 前参加）')).toBeTruthy();
    expect(screen.getByText('漏训：截至 2026-10-31 未参加集中培训')).toBeTruthy();
    expect(screen.getByText('安排参加下一期集中培训班')).toBeTruthy();
    expect(await screen.findByText('2026-05-01 党课：书记讲党课')).toBeTruthy();
    expect(screen.getByText('尚未学习过“现代经济”方向的课程')).toBeTruthy();
    expect(screen.getByText(/数字经济与产业转型/)).toBeTruthy();
  });

  it('renders the reasons in English for an English reader', async () => {
    mockApi({ 'GET /me/training-progress': json(200, progress), 'GET /me/study-hours': json(200, ledger), 'GET /me/manual-credits': json(200, { items: [] }) });
    renderWithProviders(<MyHoursPage />, { lang: 'en' });
    expect(await screen.findByText('2026: 18 of 32 hours')).toBeTruthy();
    expect(screen.getByText('No course of the direction "Modern economy" studied yet')).toBeTruthy();
  });

  it('sends a manual-entry request with what the member typed', async () => {
    const { calls } = mockApi({
      'GET /me/training-progress': json(200, progress),
      'GET /me/study-hours': json(200, ledger),
      'GET /me/manual-credits': json(200, { items: [] }),
      'POST /me/manual-credits': json(201, { id: 'm1', personId: 'p1', personName: '王小明', orgName: '第一党支部', studiedOn: '2026-06-15', hours: 2, description: '县委宣讲会', status: 'pending', decisionNote: null, decidedAt: null, creditId: null, createdAt: '2026-06-16T00:00:00Z' }),
    });
    renderWithProviders(<MyHoursPage />);
    await screen.findByText('2026年 学时 18/32');
    fireEvent.change(screen.getByLabelText('学时'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('学习内容'), { target: { value: '县委宣讲会' } });
    const date = screen.getByLabelText('学习日期');
    fireEvent.mouseDown(date);
    fireEvent.change(date, { target: { value: '2026-06-15' } });
    fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/me/manual-credits'))).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ studiedOn: '2026-06-15', hours: 2, description: '县委宣讲会' });
  });
});
