import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { idNumberCheckDigit, ruleMessages, type PersonView } from '@pioneer/domain';
import { apiError, json, mockApi, renderWithProviders } from '../../../test-utils.tsx';
import { PersonFormModal } from './PersonFormModal.tsx';

/** A valid citizen ID number: region 110105, the given birth date, sequence, check digit. */
const idNumber = (birth: string, sequence: string) => {
  const first17 = `110105${birth}${sequence}`;
  return first17 + idNumberCheckDigit(first17);
};

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

async function type(label: string, value: string) {
  await act(async () => {
    fireEvent.change(input(label), { target: { value } });
  });
}

function renderForm(onSaved = vi.fn()) {
  mockApi({ 'GET /auth/me': apiError(401, 'NOT_AUTHENTICATED', '') });
  return renderWithProviders(<PersonFormModal orgId="0190a000-0000-7000-8000-000000000001" onClose={() => {}} onSaved={onSaved} />);
}

describe('PersonFormModal', { timeout: 60_000 }, () => {
  it('fills in birth date and sex from a valid ID number and stops them being typed again', async () => {
    renderForm();
    await type('身份证号', idNumber('19850307', '122'));
    await waitFor(() => expect(input('出生日期').value).toBe('1985-03-07'));
    // 17th digit 2 is even: female.
    expect(input('女').checked).toBe(true);
    expect(input('男').checked).toBe(false);
    expect(input('出生日期').disabled).toBe(true);
    expect(input('女').disabled).toBe(true);
    expect(screen.getByText('已根据身份证号自动填写出生日期和性别。')).toBeTruthy();

    await type('身份证号', idNumber('19700101', '013'));
    await waitFor(() => expect(input('出生日期').value).toBe('1970-01-01'));
    expect(input('男').checked).toBe(true);
  });

  it('says what is wrong with an ID number whose check digit does not match', async () => {
    renderForm();
    const valid = idNumber('19850307', '122');
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    await type('身份证号', wrong);
    await act(async () => {
      fireEvent.blur(input('身份证号'));
    });
    expect(await screen.findByText(ruleMessages.ID_NUMBER_CHECK_DIGIT['zh-CN'])).toBeTruthy();
    // Nothing is derived from a number that is not valid.
    expect(input('出生日期').value).toBe('');
    expect(input('出生日期').disabled).toBe(false);
  });

  it('checks the membership rules before sending: a full member needs join and confirmation dates', async () => {
    const { calls } = mockApi({ 'GET /auth/me': apiError(401, 'NOT_AUTHENTICATED', '') });
    renderWithProviders(<PersonFormModal orgId="0190a000-0000-7000-8000-000000000001" onClose={() => {}} onSaved={() => {}} />);
    await type('姓名', '张三');
    await type('身份证号', idNumber('19850307', '133'));
    await chooseOption('人员类别', '正式党员');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    });
    expect(await screen.findByText(ruleMessages.JOINED_ON_REQUIRED['zh-CN'])).toBeTruthy();
    expect(screen.getByText(ruleMessages.CONFIRMED_ON_REQUIRED['zh-CN'])).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it("sends the derived fields and puts the server's field messages under their fields", async () => {
    const onSaved = vi.fn();
    const { calls } = mockApi({
      'GET /auth/me': apiError(401, 'NOT_AUTHENTICATED', ''),
      'POST /people': apiError(400, 'VALIDATION_FAILED', '提交的数据有误，请按提示修改后重试。', [
        { path: 'phone', code: 'PHONE_INVALID', message: '服务器：无法识别的电话号码。' },
        { path: 'body', code: 'SOMETHING_ELSE', message: '服务器：另一个问题。' },
      ]),
    });
    renderWithProviders(<PersonFormModal orgId="0190a000-0000-7000-8000-000000000001" onClose={() => {}} onSaved={onSaved} />);
    await type('姓名', '李四');
    await type('身份证号', idNumber('19900520', '244'));
    await type('手机号', '13812345678');
    await chooseOption('人员类别', '入党申请人');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    });
    expect(await screen.findByText('服务器：无法识别的电话号码。')).toBeTruthy();
    // A detail that names no field of the form is still shown, in the general alert.
    expect(screen.getByText('服务器：另一个问题。')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({
      orgId: '0190a000-0000-7000-8000-000000000001',
      name: '李四',
      birthDate: '1990-05-20',
      sex: 'female',
      phone: '13812345678',
      category: 'applicant',
      joinedOn: null,
      confirmedOn: null,
      status: 'normal',
    });
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('calls back with the saved person when the server accepts it', async () => {
    const onSaved = vi.fn();
    mockApi({
      'GET /auth/me': apiError(401, 'NOT_AUTHENTICATED', ''),
      'POST /people': (call) => json(201, { id: 'p1', ...(call.body as object) } as unknown as PersonView),
    });
    renderWithProviders(<PersonFormModal orgId="0190a000-0000-7000-8000-000000000001" onClose={() => {}} onSaved={onSaved} />);
    await type('姓名', '王五');
    await type('身份证号', idNumber('19800101', '011'));
    await chooseOption('人员类别', '入党积极分子');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    });
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(onSaved.mock.calls[0]![0]).toMatchObject({ id: 'p1', name: '王五', sex: 'male', birthDate: '1980-01-01' });
  });
});

async function chooseOption(label: string, option: string) {
  await act(async () => {
    fireEvent.mouseDown(input(label));
  });
  const item = await screen.findByTitle(option);
  await act(async () => {
    fireEvent.click(item);
  });
}
