import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Button, Form } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { CourseView, LecturerSummary } from '@pioneer/domain';
import { json, mockApi, renderWithProviders } from '../../test-utils.tsx';
import { SessionLecturerFields, sessionLecturerInput, type SessionLecturerValues } from './SessionLecturerFields.tsx';

const LECTURER = '0190a000-0000-7000-8000-0000000000a1';
const COURSE = '0190a000-0000-7000-8000-0000000000d1';
const directions = [
  { code: 'political_theory', nameZh: '政治理论', nameEn: 'Political theory', builtin: true },
  { code: 'modern_economy', nameZh: '现代经济', nameEn: 'Modern economy', builtin: true },
];
const lecturer: LecturerSummary = {
  id: LECTURER,
  kind: 'external',
  name: '张建国',
  title: '副教授',
  unit: '县委党校',
  directions: ['modern_economy'],
  status: 'active',
  courseCount: 1,
  phone: null,
  hasAccount: false,
};
const course: CourseView = { id: COURSE, lecturerId: LECTURER, lecturerName: '张建国', title: '县域经济发展', direction: 'modern_economy', minutes: 90, format: 'lecture', summary: null, status: 'active', version: 1 };
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

function renderForm() {
  const submitted = vi.fn();
  renderWithProviders(
    <Form<SessionLecturerValues> initialValues={{ lecturerSource: 'pool' }} onFinish={(v) => submitted(sessionLecturerInput(v))}>
      <SessionLecturerFields />
      <Button htmlType="submit">提交</Button>
    </Form>,
  );
  return submitted;
}

const submit = () =>
  act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /提\s*交/ }));
  });

describe('SessionLecturerFields', { timeout: 60_000 }, () => {
  it('searches the pool, offers the chosen lecturer\'s courses with their direction, and sends the lecturer and course ids', async () => {
    const { calls } = mockApi({
      'GET /teacher-directions': json(200, directions),
      'GET /lecturers': (call) => json(200, page(call.url.includes('q=zjg') || !call.url.includes('q=') ? [lecturer] : [])),
      'GET /lecturer-courses': json(200, page([course])),
    });
    const submitted = renderForm();
    // Nothing chosen: the form says what is missing and sends nothing.
    await submit();
    expect(await screen.findByText('请选择讲师或填写授课人姓名')).toBeTruthy();
    expect(submitted).not.toHaveBeenCalled();

    const [lecturerBox, courseBox] = screen.getAllByRole('combobox') as [HTMLElement, HTMLElement];
    await act(async () => {
      fireEvent.mouseDown(lecturerBox);
      fireEvent.change(lecturerBox, { target: { value: 'zjg' } });
    });
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/v1/lecturers?') && c.url.includes('q=zjg'))).toBe(true));
    fireEvent.click(await screen.findByTitle('张建国（县委党校）'));
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/v1/lecturer-courses?') && c.url.includes(`lecturerId=${LECTURER}`))).toBe(true));
    await act(async () => {
      fireEvent.mouseDown(courseBox);
    });
    fireEvent.click(await screen.findByTitle('县域经济发展 · 现代经济'));
    await submit();
    await waitFor(() => expect(submitted).toHaveBeenCalledWith({ lecturerId: LECTURER, courseId: COURSE }));
  });

  it('keeps a typed name as the alternative for a lecturer not in the pool', async () => {
    mockApi({
      'GET /teacher-directions': json(200, directions),
      'GET /lecturers': json(200, page([lecturer])),
    });
    const submitted = renderForm();
    await act(async () => {
      fireEvent.click(screen.getByRole('radio', { name: '填写姓名' }));
    });
    await waitFor(() => expect(screen.queryAllByRole('combobox')).toHaveLength(0));
    fireEvent.change(await screen.findByLabelText('授课人姓名'), { target: { value: '王老师' } });
    await submit();
    await waitFor(() => expect(submitted).toHaveBeenCalledWith({ lecturerName: '王老师' }));
  });
});
