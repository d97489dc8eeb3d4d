import { describe, expect, it } from 'vitest';
import { researchReportsPerYear, researchReportsShort } from './central-group.ts';

describe('central-group research reports', () => {
  it('asks one to two a year as local practice and flags a member with none', () => {
    expect(researchReportsPerYear).toMatchObject({ min: 1, max: 2 });
    expect(researchReportsPerYear.source).toContain('实践做法');
    expect(researchReportsShort(0)).toBe(true);
    expect(researchReportsShort(1)).toBe(false);
    expect(researchReportsShort(3)).toBe(false);
  });
});
