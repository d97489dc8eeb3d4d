/**
 * Permission-matrix rows of /external-hours: managers of a subtree import for it (inside = branch
 * A, outside = B); members and the three administrators never. A dry run is committed only by its
 * uploader (the officer here, so the secretary is refused even inside; its one row has a problem
 * and the all-or-nothing commit credits nothing, so the call can repeat). Committed batches are
 * reversed by any manager of their organisation; a second reversal returns the same outcome.
 */
import { expect } from 'vitest';
import { TEST_PASSWORD } from '../../test/factories.ts';
import { loginClient } from '../../test/harness.ts';
import { definePermissions, managers, nobodyElse, org, person, type Side } from '../../test/permission-fragment.ts';
import { multipartBody } from '../imports/imports.testkit.ts';
import { hoursFile } from './external-hours.testkit.ts';

const uploadCall = (orgId: string, file: Buffer) => {
  const body = multipartBody({ orgId }, { name: 'hours.xlsx', data: file });
  return { method: 'POST' as const, url: '/api/v1/external-hours/imports', body: body.payload, headers: { 'content-type': body.contentType } };
};

export const permissions = definePermissions({
  setup: async (env, f) => {
    const officer = await loginClient(env.app, f.users.officer.username, TEST_PASSWORD);
    const good = async (side: Side) =>
      hoursFile([{ 姓名: person(f, side).name, 公民身份号码: person(f, side).idNumber, 平台: '学习强国', '课程/培训名称': `矩阵课程${side}`, 完成日期: '2025-03-01', 学时: 2 }]);
    const bad = await hoursFile([{ 姓名: '无此人', 公民身份号码: '110101199001011237', 平台: '学习强国', '课程/培训名称': '课程', 完成日期: '2025-03-01', 学时: 'abc' }]);
    const dryRun = async (side: Side, file: Buffer) => {
      const call = uploadCall(org(f, side).id, file);
      const res = await officer.post(call.url, call.body, call.headers);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().batchId as string;
    };
    const committed = async (side: Side) => {
      const id = await dryRun(side, await good(side));
      const res = await officer.post(`/api/v1/external-hours/imports/${id}/commit`, { mode: 'valid_rows' });
      expect(res.statusCode, res.body).toBe(200);
      return id;
    };
    return {
      file: bad,
      dryRuns: { inside: await dryRun('inside', bad), outside: await dryRun('outside', bad) },
      committed: { inside: await committed('inside'), outside: await committed('outside') },
    };
  },
  rules: {
    'GET /api/v1/external-hours/template': { call: () => ({ method: 'GET', url: '/api/v1/external-hours/template' }), expect: { officer: 'allow', secretary: 'allow', ...nobodyElse } },
    'POST /api/v1/external-hours/imports': { call: (f, s, x) => uploadCall(org(f, s).id, x.file), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/external-hours/imports': { call: (f, s) => ({ method: 'GET', url: `/api/v1/external-hours/imports?orgId=${org(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/external-hours/imports/{batchId}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/external-hours/imports/${x.dryRuns[s]}` }), expect: { ...managers, ...nobodyElse } },
    'POST /api/v1/external-hours/imports/{batchId}/commit': {
      call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/external-hours/imports/${x.dryRuns[s]}/commit`, body: { mode: 'all_or_nothing' } }),
      expect: { officer: 'allow', secretary: 'deny', ...nobodyElse },
    },
    'POST /api/v1/external-hours/imports/{batchId}/reverse': {
      call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/external-hours/imports/${x.committed[s]}/reverse`, body: { reason: '矩阵测试' } }),
      expect: { ...managers, ...nobodyElse },
    },
  },
});
