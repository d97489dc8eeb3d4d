/**
 * 列席和旁听: guests and auditors recorded apart from those who should attend — by name (with their
 * unit), or as a person of the deployment (who then also appears in the attendance grid).
 */
import { memo, useState } from 'react';
import { App, Button, Card, Empty, Input, Popconfirm, Segmented, Select, Space, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { activityGuestInput, guestKindLabels, guestKinds, type ActivityDetail, type GuestKind } from '@pioneer/domain';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { errorText } from '../../../components/errors.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAddGuest, useRemoveGuest } from '../queries.ts';
import { PersonSelect } from './PersonSelect.tsx';

/** Memoised: marking attendance re-renders the page, not this card. */
export const GuestsCard = memo(function GuestsCard({ activity, disabled }: { activity: ActivityDetail; disabled: boolean }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const add = useAddGuest(activity.id);
  const remove = useRemoveGuest(activity.id);
  const [kind, setKind] = useState<GuestKind>('guest');
  const [by, setBy] = useState<'name' | 'person'>('name');
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [personId, setPersonId] = useState<string | null>(null);

  const submit = () => {
    const input = by === 'person' ? { kind, personId: personId ?? '' } : { kind, name: name.trim(), ...(unit.trim() ? { unit: unit.trim() } : {}) };
    // The contract's own check first, so an empty name is explained without a round trip.
    if (!activityGuestInput.safeParse(input).success) {
      void message.warning(t('guests.nameRequired'));
      return;
    }
    add.mutate(input, {
      onSuccess: () => {
        setName('');
        setUnit('');
        setPersonId(null);
        void message.success(t('guests.saved'));
      },
    });
  };

  return (
    <Card size="small" title={t('guests.title')}>
      {activity.guests.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('guests.empty')} /> : null}
      {activity.guests.map((g) => (
        <div key={g.id} className="record-line">
          <Space size={4} wrap style={{ minWidth: 0 }}>
            <Tag color="purple">{pick(guestKindLabels[g.kind])}</Tag>
            <span>{g.name}</span>
            {g.unit ? <span className="muted">{g.unit}</span> : null}
            {g.note ? <span className="muted">{g.note}</span> : null}
          </Space>
          {disabled ? null : (
            <Popconfirm
              title={t('guests.removeConfirm', { name: g.name })}
              okText={t('guests.remove')}
              cancelText={t('common.cancel')}
              onConfirm={() => remove.mutate(g.id, { onError: (e) => void message.error(errorText(e, t)) })}
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('guests.remove')} ${g.name}`} />
            </Popconfirm>
          )}
        </div>
      ))}
      {disabled ? null : (
        <div className="record-add">
          <ErrorAlert error={add.error} style={{ marginBottom: 8 }} />
          <Space wrap>
            <Select<GuestKind>
              size="small"
              value={kind}
              onChange={setKind}
              aria-label={t('guests.kind')}
              style={{ width: 150 }}
              options={guestKinds.map((k) => ({ value: k, label: pick(guestKindLabels[k]) }))}
            />
            <Segmented<'name' | 'person'>
              size="small"
              value={by}
              onChange={setBy}
              options={[
                { value: 'name', label: t('guests.byName') },
                { value: 'person', label: t('guests.byPerson') },
              ]}
            />
          </Space>
          <Space.Compact block style={{ marginTop: 8 }}>
            {by === 'name' ? (
              <>
                <Input
                  size="small"
                  placeholder={t('guests.name')}
                  aria-label={t('guests.name')}
                  value={name}
                  maxLength={50}
                  onChange={(e) => setName(e.target.value)}
                  onPressEnter={submit}
                />
                <Input
                  size="small"
                  placeholder={t('guests.unit')}
                  aria-label={t('guests.unit')}
                  value={unit}
                  maxLength={100}
                  onChange={(e) => setUnit(e.target.value)}
                  onPressEnter={submit}
                />
              </>
            ) : (
              <PersonSelect orgId={activity.orgId} value={personId} onChange={setPersonId} />
            )}
            <Button size="small" type="primary" icon={<PlusOutlined />} loading={add.isPending} onClick={submit}>
              {t('guests.add')}
            </Button>
          </Space.Compact>
        </div>
      )}
    </Card>
  );
});
