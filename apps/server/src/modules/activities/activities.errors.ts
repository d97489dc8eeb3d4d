/** Error codes of the activities module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const activityErrors = {
  ACTIVITY_NOT_FOUND: { status: 404, 'zh-CN': '未找到该活动，可能已被删除或您无权查看。', en: 'Activity not found, or you may not see it.' },
  ACTIVITY_KIND_NEEDS_BRANCH: {
    status: 400,
    'zh-CN': '{kindZh}由党支部或党总支组织，“{org}”是{orgKindZh}，请选择党支部或党总支。',
    en: 'A {kindEn} is held by a branch or general branch; "{org}" is a {orgKindEn}. Choose a branch or general branch.',
  },
  ACTIVITY_KIND_NEEDS_BRANCH_OR_COMMITTEE: {
    status: 400,
    'zh-CN': '党课由党支部、党总支或党委（党组）组织，“{org}”是{orgKindZh}。',
    en: 'A party lesson is given in a branch, general branch, party committee or leading party group; "{org}" is a {orgKindEn}.',
  },
  ACTIVITY_NEEDS_COMMITTEE: {
    status: 400,
    'zh-CN': '“{org}”未设支部委员会，不能召开支委会。如已设立支委会，请先在组织信息中勾选“设有支委会”。',
    en: '"{org}" has no branch committee, so it holds no committee meetings. If it has one, tick "has a committee" in the organisation first.',
  },
  ACTIVITY_KIND_NEEDS_PARTY_GROUP: {
    status: 400,
    'zh-CN': '党小组会由党小组召开，“{org}”是{orgKindZh}，请选择支部下的党小组。',
    en: 'A party group meeting is held by a party group; "{org}" is a {orgKindEn}. Choose one of the branch’s party groups.',
  },
  ACTIVITY_KIND_NEEDS_CENTRAL_GROUP_ORG: {
    status: 400,
    'zh-CN': '{kindZh}由党委（党组）的理论学习中心组开展，“{org}”是{orgKindZh}。',
    en: 'A {kindEn} is held by the central study group of a party committee or leading party group; "{org}" is a {orgKindEn}.',
  },
  ACTIVITY_CENTRAL_GROUP_NOT_FOUND: { status: 404, 'zh-CN': '未找到所选的理论学习中心组。', en: 'The central study group was not found.' },
  ACTIVITY_CENTRAL_GROUP_MISMATCH: {
    status: 400,
    'zh-CN': '所选中心组“{group}”不属于“{org}”，请选择该组织自己的理论学习中心组。',
    en: 'The central group "{group}" does not belong to "{org}"; choose that organisation’s own central study group.',
  },
  ACTIVITY_CANCELLED: {
    status: 409,
    'zh-CN': '该活动已取消，不能再修改或记录；如仍要开展，请重新安排一次活动。',
    en: 'This activity was cancelled and cannot be changed or recorded; plan a new one instead.',
  },
  ACTIVITY_CANCEL_NOT_PLANNED: {
    status: 409,
    'zh-CN': '只有计划中的活动可以取消，该活动{statusZh}。已召开的活动如有错误，请修改记录。',
    en: 'Only a planned activity can be cancelled; this one is {statusEn}. Correct the record of a held activity instead.',
  },
  ACTIVITY_START_IN_FUTURE: {
    status: 400,
    'zh-CN': '实际开始时间 {actualStart} 晚于现在，活动还没有召开，不能记录为已召开。请在活动开始后记录，或修改计划时间。',
    en: 'The actual start {actualStart} is in the future: the activity has not been held yet. Record it once it has started, or change its planned time.',
  },
  ACTIVITY_ATTENDANCE_PENDING: {
    status: 409,
    'zh-CN':
      '还有 {count} 名应到人员未登记出席情况：{namesZh}。请在出席名单中把他们逐一标记为出席、缺席或请假（请假需填写原因），也可先点“全部出席”再修改个别人员，然后再保存记录。',
    en: '{countEn} not marked yet: {namesEn}. Mark each of them present, absent or on leave (with a reason) in the attendance list — or use "All present" and change the exceptions — then save the record again.',
  },
  ACTIVITY_GUEST_NOT_FOUND: { status: 404, 'zh-CN': '本次活动中没有该列席或旁听人员。', en: 'This activity has no such guest or auditor.' },
  ACTIVITY_GUEST_IS_ATTENDEE: {
    status: 409,
    'zh-CN': '{name}已是本次活动的{roleZh}，无需重复添加。',
    en: '{name} is already recorded at this activity as {roleEn}.',
  },
  ACTIVITY_ATTACHMENT_NOT_LINKED: { status: 404, 'zh-CN': '该附件没有关联到本次活动。', en: 'This attachment is not linked to the activity.' },
  RESOLUTION_KIND: {
    status: 400,
    'zh-CN': '只有支部党员大会和支委会表决事项，{kindZh}不记录表决。',
    en: 'Only member assemblies and branch committee meetings vote on resolutions; a {kindEn} does not.',
  },
  RESOLUTION_NOT_HELD: {
    status: 409,
    'zh-CN': '请先记录会议召开情况并标记出席情况，再记录表决结果。',
    en: 'Record the meeting as held and mark attendance first, then record the vote.',
  },
  RESOLUTION_NO_VOTING_MEMBERS: {
    status: 409,
    'zh-CN': '本次会议没有应到的有表决权人员（正式党员），不能表决。',
    en: 'Nobody with a vote (full members) was expected at this meeting, so it cannot vote.',
  },
  RESOLUTION_QUORUM_NOT_MET: {
    status: 409,
    'zh-CN': '应到有表决权党员 {votingMembers} 人，实到 {presentVoting} 人，不足半数，不能表决。',
    en: '{votingMembers} voting members should attend and {presentVoting} are present: not more than half, so the meeting cannot vote.',
  },
  RESOLUTION_COMMITTEE_QUORUM_NOT_MET: {
    status: 409,
    'zh-CN': '应到支委 {votingMembers} 人，实到 {presentVoting} 人，不足半数，不能表决。',
    en: '{votingMembers} committee members should attend and {presentVoting} are present: not more than half, so the committee cannot vote.',
  },
  RESOLUTION_VOTES_EXCEED_PRESENT: {
    status: 400,
    'zh-CN': '赞成 {ayes}、反对 {nays}、弃权 {abstentions}，共 {total} 票，超过实到有表决权人数 {presentVoting} 人，请核对票数或出席情况。',
    en: '{ayes} ayes, {nays} nays and {abstentions} abstentions make {total} votes, more than the {presentVoting} voting members present. Check the counts or the attendance.',
  },
} as const satisfies Record<string, CatalogEntry>;
