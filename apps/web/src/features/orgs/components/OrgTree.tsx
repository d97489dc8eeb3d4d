/**
 * The organisation tree in the side bar: starts from GET /orgs/roots and loads each level when it
 * is opened (GET /orgs/:id/children), so a county of 300 branches costs one small call per click.
 * The organisation on screen is selected and its ancestors are opened for it; writes elsewhere
 * invalidate the cached levels and the tree follows.
 */
import { useState } from 'react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Empty, Spin, Tree, type TreeDataNode } from 'antd';
import { orgKindLabels, type OrgView } from '@pioneer/domain';
import { useMatch, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { childrenQuery, useOrg, useOrgRoots } from '../queries.ts';

export function OrgTree() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const selectedId = useMatch('/orgs/:orgId')?.params.orgId;
  const roots = useOrgRoots();
  const selected = useOrg(selectedId);
  const [opened, setOpened] = useState<string[]>([]);
  const [closed, setClosed] = useState<string[]>([]);

  // What the user opened, plus the top level and the path down to (and into) the organisation on
  // screen, unless they closed them.
  const tops = (roots.data ?? []).length <= 3 ? (roots.data ?? []).map((r) => r.id) : [];
  const autoOpened = [...tops, ...(selected.data?.ancestors ?? []).map((a) => a.id), ...(selectedId ? [selectedId] : [])].filter((id) => !closed.includes(id));
  const expandedKeys = [...new Set([...opened, ...autoOpened])];

  const levels = useQueries({ queries: expandedKeys.map((id) => childrenQuery(id)) });
  const childrenOf = new Map<string, OrgView[]>();
  expandedKeys.forEach((id, i) => {
    const data = levels[i]?.data;
    if (data) childrenOf.set(id, data);
  });

  const toNode = (org: OrgView): TreeDataNode => {
    const children = childrenOf.get(org.id);
    return {
      key: org.id,
      title: (
        <span className={org.active ? undefined : 'org-tree__inactive'} title={pick(orgKindLabels[org.kind])}>
          {org.name}
          {org.active ? null : ` (${t('org.inactive')})`}
        </span>
      ),
      isLeaf: org.childCount === 0 && !children?.length,
      children: children?.map(toNode),
    };
  };

  if (roots.isPending) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (roots.isError) return <ErrorAlert error={roots.error} style={{ margin: 12 }} />;
  if (roots.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tree.empty')} />;

  return (
    <Tree
      className="org-tree"
      blockNode
      treeData={roots.data.map(toNode)}
      expandedKeys={expandedKeys}
      selectedKeys={selectedId ? [selectedId] : []}
      loadData={(node) => queryClient.ensureQueryData(childrenQuery(String(node.key))).then(() => undefined)}
      onExpand={(_keys, info) => {
        const key = String(info.node.key);
        if (info.expanded) {
          setOpened((prev) => [...prev.filter((k) => k !== key), key]);
          setClosed((prev) => prev.filter((k) => k !== key));
        } else {
          setOpened((prev) => prev.filter((k) => k !== key));
          setClosed((prev) => [...prev.filter((k) => k !== key), key]);
        }
      }}
      onSelect={(_keys, info) => navigate(`/orgs/${String(info.node.key)}`)}
    />
  );
}
