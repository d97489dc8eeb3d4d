/**
 * One person's record: every field, the masked numbers, and on request the full ID and phone
 * numbers (GET /people/:id/pii) — the user is told before and after that the view is recorded in
 * the audit log. From here a manager edits the record or issues a transfer letter.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Popconfirm, Result, Space, Spin, Typography } from 'antd';
import { EditOutlined, EyeOutlined, SendOutlined } from '@ant-design/icons';
import { isPartyMember, type PersonView } from '@pioneer/domain';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { CategoryTag, FlagTags, StatusTags } from '../../../components/PersonTags.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { IssueTransferModal } from '../../transfers/components/IssueTransferModal.tsx';
import { usePerson, usePersonPii } from '../queries.ts';
import { PersonFormModal } from './PersonFormModal.tsx';

const hasFlags = (p: PersonView) => p.isLeadingCadre || p.isSecretary || p.isCommitteeMember || p.isPartyAffairsWorker || p.isInfirm || p.isRetired || p.studyExempt;

export function PersonDetails({ person, extra }: { person: PersonView; extra?: { idNumber?: React.ReactNode; phone?: React.ReactNode } }) {
  const { t } = useI18n();
  const dash = (v: string | null) => v ?? '—';
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      items={[
        { key: 'name', label: t('person.name'), children: person.name },
        { key: 'sex', label: t('person.sex'), children: t(`sex.${person.sex}`) },
        { key: 'birthDate', label: t('person.birthDate'), children: person.birthDate },
        { key: 'idNumber', label: t('person.idNumber'), children: extra?.idNumber ?? <span className="mono">{person.idNumberMasked}</span> },
        { key: 'phone', label: t('person.phone'), children: extra?.phone ?? <span className="mono">{dash(person.phoneMasked)}</span> },
        { key: 'ethnicity', label: t('person.ethnicity'), children: dash(person.ethnicity) },
        { key: 'education', label: t('person.education'), children: dash(person.education) },
        { key: 'post', label: t('person.post'), children: dash(person.post) },
        { key: 'address', label: t('person.address'), children: dash(person.address) },
        { key: 'org', label: t('person.org'), children: person.orgName },
        { key: 'category', label: t('person.category'), children: <CategoryTag category={person.category} /> },
        { key: 'joinedOn', label: t('person.joinedOn'), children: dash(person.joinedOn) },
        { key: 'confirmedOn', label: t('person.confirmedOn'), children: dash(person.confirmedOn) },
        { key: 'status', label: t('person.status'), children: <StatusTags person={person} /> },
        ...(person.lostContactSince ? [{ key: 'lost', label: t('person.lostContactSince'), children: person.lostContactSince }] : []),
        { key: 'flags', label: t('person.sectionFlags'), children: hasFlags(person) ? <FlagTags person={person} /> : '—' },
        ...(person.studyExempt ? [{ key: 'exempt', label: t('person.studyExemptReason'), children: dash(person.studyExemptReason) }] : []),
      ]}
    />
  );
}

export function PersonDrawer({ personId, onClose, canTransfer }: { personId: string; onClose: () => void; canTransfer: boolean }) {
  const { t } = useI18n();
  const person = usePerson(personId);
  const pii = usePersonPii();
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const data = person.data;
  const revealed = pii.data && pii.variables === personId ? pii.data : null;

  return (
    <Drawer
      open
      size={560}
      title={data ? data.name : t('person.title')}
      onClose={onClose}
      extra={
        data ? (
          <Space>
            {canTransfer && isPartyMember(data.category) ? (
              <Button icon={<SendOutlined />} onClick={() => setTransferring(true)}>
                {t('transfer.issue')}
              </Button>
            ) : null}
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          </Space>
        ) : null
      }
    >
      {person.isPending ? <Spin /> : null}
      {person.isError ? <Result status="warning" title={<ErrorAlert error={person.error} />} /> : null}
      {data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <PersonDetails
            person={data}
            extra={
              revealed
                ? {
                    idNumber: <Typography.Text copyable className="mono">{revealed.idNumber}</Typography.Text>,
                    phone: revealed.phone ? <Typography.Text copyable className="mono">{revealed.phone}</Typography.Text> : '—',
                  }
                : undefined
            }
          />
          {revealed ? (
            <Alert type="warning" showIcon title={t('person.piiRecorded')} />
          ) : (
            <Popconfirm title={t('person.piiConfirmTitle')} description={t('person.piiConfirm')} okText={t('person.piiShow')} cancelText={t('common.cancel')} onConfirm={() => pii.mutate(personId)}>
              <Button icon={<EyeOutlined />} loading={pii.isPending}>
                {t('person.piiShow')}
              </Button>
            </Popconfirm>
          )}
          <ErrorAlert error={pii.error} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('person.recordId')}: <Typography.Text copyable className="mono" style={{ fontSize: 12 }}>{data.id}</Typography.Text>
          </Typography.Text>
        </Space>
      ) : null}
      {editing && data ? <PersonFormModal person={data} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} /> : null}
      {transferring && data ? <IssueTransferModal person={data} onClose={() => setTransferring(false)} onIssued={() => setTransferring(false)} /> : null}
    </Drawer>
  );
}
