/**
 * The bell in the header: the unread count (polled), and a drawer with the newest notifications.
 * Clicking one marks it read and follows its link; "mark all read" clears the badge. Texts come
 * from the server already rendered in the UI language.
 */
import { useState } from 'react';
import { App, Badge, Button, Drawer, Empty, Pagination, Segmented, Skeleton, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { NotificationView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorText } from '../../components/errors.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from './queries.ts';
import './notifications.css';

const PAGE_SIZE = 10;

export function NotificationBell() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  return (
    <>
      <Button
        type="text"
        className="app-header__bell"
        aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
        onClick={() => setOpen(true)}
        icon={
          <Badge count={count} size="small" overflowCount={99}>
            <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
          </Badge>
        }
      />
      {open ? <NotificationDrawer unreadCount={count} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function NotificationDrawer({ unreadCount, onClose }: { unreadCount: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'all' | 'unread'>(unreadCount > 0 ? 'unread' : 'all');
  const [page, setPage] = useState(1);
  const list = useNotifications({ page, pageSize: PAGE_SIZE, unreadOnly: filter === 'unread' ? true : undefined }, true);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const follow = (n: NotificationView) => {
    const go = () => {
      onClose();
      if (n.link) navigate(n.link);
    };
    if (n.readAt) return go();
    // Following the link should not wait for the server; a failed mark shows and the link still opens.
    markRead.mutate(n.id, { onError: (error) => void message.error(errorText(error, t)) });
    go();
  };

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('notifications.title')}
      size="min(400px, 100vw)"
      className="notification-drawer"
      extra={
        <Button
          size="small"
          disabled={unreadCount === 0}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: (r) => void message.success(t('notifications.readAllDone', { count: r.updated })),
              onError: (error) => void message.error(errorText(error, t)),
            })
          }
        >
          {t('notifications.readAll')}
        </Button>
      }
    >
      <Segmented<'all' | 'unread'>
        block
        value={filter}
        onChange={(v) => {
          setFilter(v);
          setPage(1);
        }}
        options={[
          { value: 'unread', label: t('notifications.unread') },
          { value: 'all', label: t('notifications.all') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      {list.isPending ? <Skeleton active /> : null}
      {list.data && list.data.items.length === 0 ? (
        <Empty description={filter === 'unread' ? t('notifications.emptyUnread') : t('notifications.empty')} />
      ) : null}
      <ul className="notification-list">
        {list.data?.items.map((n) => (
          <li key={n.id} className={n.readAt ? 'notification-item' : 'notification-item notification-item--unread'}>
            <button type="button" className="notification-item__main" onClick={() => follow(n)}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <span className="notification-item__title">
                  {n.readAt ? null : <Badge status="error" style={{ marginInlineEnd: 6 }} />}
                  {n.title}
                </span>
                <Typography.Text type="secondary" className="notification-item__body">
                  {n.body}
                </Typography.Text>
                <span className="muted">{dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}</span>
              </Space>
            </button>
            {n.readAt ? null : (
              <Button size="small" type="link" onClick={() => markRead.mutate(n.id, { onError: (error) => void message.error(errorText(error, t)) })}>
                {t('notifications.markRead')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {list.data && list.data.total > PAGE_SIZE ? (
        <Pagination
          simple
          size="small"
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          onChange={setPage}
          style={{ marginTop: 12, textAlign: 'center' }}
        />
      ) : null}
    </Drawer>
  );
}
