/** Move an organisation under another parent, picked by searching; the server refuses cycles. */
import { useState } from 'react';
import { Form, Modal, Typography } from 'antd';
import { checkOrgPlacement, type OrgView } from '@pioneer/domain';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../../components/OrgSelect.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useMoveOrg } from '../queries.ts';

export function MoveOrgModal({ org, onClose, onMoved }: { org: OrgView; onClose: () => void; onMoved: (org: OrgView) => void }) {
  const { t } = useI18n();
  const [parentId, setParentId] = useState<string | null>(null);
  const move = useMoveOrg(org.id);
  return (
    <Modal
      open
      title={t('org.moveTitle', { name: org.name })}
      okText={t('org.move')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !parentId }}
      confirmLoading={move.isPending}
      onCancel={onClose}
      onOk={() => parentId && move.mutate(parentId, { onSuccess: onMoved })}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('org.moveHint')}</Typography.Paragraph>
      <ErrorAlert error={move.error} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        <Form.Item label={t('org.newParent')} required htmlFor="newParent">
          <OrgSelect
            id="newParent"
            value={parentId}
            onChange={(id) => setParentId(id)}
            // Offer only parents that may hold this kind; the organisation itself cannot be its own parent.
            exclude={(o) => o.id === org.id || o.id === org.parentId || checkOrgPlacement(o.kind, org.kind) !== null}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
