/**
 * Attachments over HTTP on a real database and a real data folder: upload checks (extension,
 * content signature, size limit at its exact boundary), one file reused by two activities,
 * downloads with a UTF-8 file name, and who may read a file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client } from '../../test/harness.ts';
import { multipartBody } from '../imports/imports.testkit.ts';

/** ATTACHMENT_MAX_MB=0.05: 52,429 bytes, so the limit is tested without megabytes of data. */
const MAX_BYTES = Math.round(0.05 * 1024 * 1024);
const pdf = (size = 600) => Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(size)]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(200)]);

describeEachDatabase(
  'attachments',
  (env) => {
    async function clientFor(
      roles: Array<{ role: 'committee_officer' | 'secretary' | 'member'; orgId: string }>,
      personId: string | null = null,
    ): Promise<Client> {
      const user = await makeUser(env().ctx, { roles, personId });
      return loginClient(env().app, user.username, TEST_PASSWORD);
    }

    const upload = (c: Client, fields: Record<string, string>, file: { name: string; data: Buffer } | null) => {
      const body = multipartBody(fields, file);
      return c.post('/api/v1/attachments', body.payload, { 'content-type': body.contentType });
    };

    const storedFiles = () => {
      const dir = path.join(env().ctx.config.dataDir, 'attachments');
      return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    };

    async function world() {
      const { ctx } = env();
      env().setNow('2026-07-10T02:00:00Z');
      const tree = await makeTree(ctx);
      const secretary = await clientFor([{ role: 'secretary', orgId: tree.branch.id }]);
      return { tree, secretary };
    }

    const plan = async (c: Client, orgId: string) => {
      const res = await c.post('/api/v1/activities', { orgId, kind: 'member_assembly', topic: '党员大会', plannedStart: '2026-07-20T09:00:00+08:00' });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: string; attachments: Array<{ id: string }> };
    };

    it('stores an upload on disk under its id with its SHA-256 and serves it back with the UTF-8 file name', async () => {
      const { ctx } = env();
      const { tree, secretary } = await world();
      const data = pdf();
      const res = await upload(secretary, { orgId: tree.branch.id }, { name: '第三季度党员大会记录.PDF', data });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        orgId: tree.branch.id,
        fileName: '第三季度党员大会记录.PDF',
        mediaType: 'application/pdf',
        sizeBytes: data.length,
        sha256: crypto.createHash('sha256').update(data).digest('hex'),
        linkCount: 0,
        downloadUrl: `/api/v1/attachments/${body.id}/download`,
      });
      expect(fs.readFileSync(path.join(ctx.config.dataDir, 'attachments', body.id))).toEqual(data);
      expect(storedFiles().filter((f) => f.startsWith('.upload-'))).toEqual([]);

      const download = await secretary.get(body.downloadUrl);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="${'_'.repeat(10)}.PDF"; filename*=UTF-8''${encodeURIComponent('第三季度党员大会记录.PDF')}`,
      );
      expect(download.rawPayload).toEqual(data);
      const audit = await ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', body.id).execute();
      expect(audit).toEqual([{ action: 'attachment.upload', after: expect.objectContaining({ sha256: body.sha256 }) }]);
      expect((await secretary.get('/api/v1/attachments/limits')).json()).toEqual({
        maxBytes: MAX_BYTES,
        extensions: expect.arrayContaining(['pdf', 'docx', 'png', 'txt']),
      });
    });

    it('refuses files by extension, by content that does not match it, empty ones and a missing file, leaving nothing behind', async () => {
      const { tree, secretary } = await world();
      const before = storedFiles().length;
      const exe = await upload(secretary, { orgId: tree.branch.id }, { name: 'setup.exe', data: Buffer.from('MZ\x90\x00') });
      expect(exe.statusCode).toBe(400);
      expect(exe.json().error).toMatchObject({ code: 'ATTACHMENT_TYPE_NOT_ALLOWED' });
      expect(exe.json().error.message).toContain('setup.exe');
      const renamed = await upload(secretary, { orgId: tree.branch.id }, { name: '材料.pdf', data: Buffer.from('这不是 PDF') });
      expect(renamed.json().error.code).toBe('ATTACHMENT_CONTENT_MISMATCH');
      const program = await upload(secretary, { orgId: tree.branch.id }, { name: 'readme.txt', data: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]) });
      expect(program.json().error.code).toBe('ATTACHMENT_CONTENT_MISMATCH');
      const pngAsDocx = await upload(secretary, { orgId: tree.branch.id }, { name: '记录.docx', data: png() });
      expect(pngAsDocx.json().error.code).toBe('ATTACHMENT_CONTENT_MISMATCH');
      const empty = await upload(secretary, { orgId: tree.branch.id }, { name: '空.txt', data: Buffer.alloc(0) });
      expect(empty.json().error.code).toBe('ATTACHMENT_EMPTY');
      const noFile = await upload(secretary, { orgId: tree.branch.id }, null);
      expect(noFile.json().error.code).toBe('ATTACHMENT_FILE_REQUIRED');
      const noOrg = await upload(secretary, {}, { name: 'a.txt', data: Buffer.from('x') });
      expect(noOrg.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'orgId' })] });
      const outside = await upload(secretary, { orgId: tree.otherBranch.id }, { name: 'a.txt', data: Buffer.from('x') });
      expect(outside.statusCode).toBe(404);
      expect(storedFiles().length).toBe(before);
    });

    it('accepts a file of exactly the maximum size and refuses one byte more', async () => {
      const { tree, secretary } = await world();
      const exact = await upload(
        secretary,
        { orgId: tree.branch.id },
        { name: 'exact.jpg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), crypto.randomBytes(MAX_BYTES - 3)]) },
      );
      expect(exact.statusCode).toBe(201);
      expect(exact.json().sizeBytes).toBe(MAX_BYTES);
      const before = storedFiles().length;
      const over = await upload(
        secretary,
        { orgId: tree.branch.id },
        { name: 'over.jpg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), crypto.randomBytes(MAX_BYTES - 2)]) },
      );
      expect(over.statusCode).toBe(413);
      expect(over.json().error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE' });
      expect(over.json().error.message).toContain('0.05 MB');
      expect(storedFiles().length).toBe(before);
    });

    it('reuses one file on two activities, and unlinking it from one leaves it with the other', async () => {
      const { tree, secretary } = await world();
      const file = (await upload(secretary, { orgId: tree.branch.id }, { name: '学习材料.txt', data: Buffer.from('学习材料全文') })).json();
      const first = await plan(secretary, tree.branch.id);
      const second = await plan(secretary, tree.branch.id);
      for (const a of [first, second]) {
        const linked = await secretary.post(`/api/v1/activities/${a.id}/attachments`, { attachmentId: file.id });
        expect(linked.statusCode).toBe(200);
        expect(linked.json().attachments).toEqual([expect.objectContaining({ id: file.id, fileName: '学习材料.txt', downloadUrl: file.downloadUrl })]);
      }
      // Linking the same file again is a no-op.
      expect((await secretary.post(`/api/v1/activities/${first.id}/attachments`, { attachmentId: file.id })).json().attachments).toHaveLength(1);
      const meta = (await secretary.get(`/api/v1/attachments/${file.id}`)).json();
      expect(meta.linkCount).toBe(2);
      expect(meta.links.map((l: { entityId: string }) => l.entityId).sort()).toEqual([first.id, second.id].sort());

      const unlinked = await secretary.delete(`/api/v1/activities/${first.id}/attachments/${file.id}`);
      expect(unlinked.json().attachments).toEqual([]);
      expect((await secretary.get(`/api/v1/activities/${second.id}`)).json().attachments).toHaveLength(1);
      expect((await secretary.get(`/api/v1/attachments/${file.id}`)).json().linkCount).toBe(1);
      const again = await secretary.delete(`/api/v1/activities/${first.id}/attachments/${file.id}`);
      expect(again.json().error.code).toBe('ACTIVITY_ATTACHMENT_NOT_LINKED');
      const actions = await env()
        .ctx.db.selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', first.id)
        .where('action', 'like', 'attachment.%')
        .orderBy('id')
        .execute();
      expect(actions.map((a) => a.action)).toEqual(['attachment.link', 'attachment.unlink']);

      const list = (await secretary.get(`/api/v1/attachments?orgId=${tree.branch.id}&q=${encodeURIComponent('学习')}`)).json();
      expect(list.items.map((i: { id: string }) => i.id)).toEqual([file.id]);
    });

    it('lets the attendees of a record that uses a file download it, and nobody else outside its organisation', async () => {
      const { ctx } = env();
      const { tree, secretary } = await world();
      const attendee = await makePerson(ctx, { orgId: tree.branch.id, name: '参会党员' });
      const stranger = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '别支部党员' });
      const file = (await upload(secretary, { orgId: tree.branch.id }, { name: 'minutes.txt', data: Buffer.from('会议记录') })).json();
      const member = await clientFor([{ role: 'member', orgId: tree.branch.id }], attendee.id);
      // Not yet linked to anything the member attends: only the managers may read it.
      expect((await member.get(file.downloadUrl)).statusCode).toBe(404);

      const activity = await plan(secretary, tree.branch.id);
      await secretary.post(`/api/v1/activities/${activity.id}/attachments`, { attachmentId: file.id });
      const mine = await member.get(file.downloadUrl);
      expect(mine.statusCode).toBe(200);
      expect(mine.body).toBe('会议记录');
      // The attendee reads the file, not the organisation's business of which records use it.
      expect((await member.get(`/api/v1/attachments/${file.id}`)).json().links).toEqual([]);
      expect((await member.get('/api/v1/attachments')).statusCode).toBe(403);

      const strangerClient = await clientFor([{ role: 'member', orgId: tree.otherBranch.id }], stranger.id);
      expect((await strangerClient.get(file.downloadUrl)).statusCode).toBe(404);
      const otherSecretary = await clientFor([{ role: 'secretary', orgId: tree.otherBranch.id }]);
      expect((await otherSecretary.get(file.downloadUrl)).json().error.code).toBe('ATTACHMENT_NOT_FOUND');
      // Nor can they link it into one of their own records to read it that way.
      const theirs = await plan(otherSecretary, tree.otherBranch.id);
      expect((await otherSecretary.post(`/api/v1/activities/${theirs.id}/attachments`, { attachmentId: file.id })).json().error.code).toBe(
        'ATTACHMENT_NOT_FOUND',
      );
      const officer = await clientFor([{ role: 'committee_officer', orgId: tree.root.id }]);
      expect((await officer.get(file.downloadUrl)).statusCode).toBe(200);

      fs.rmSync(path.join(ctx.config.dataDir, 'attachments', file.id));
      const missing = await secretary.get(file.downloadUrl);
      expect(missing.statusCode).toBe(410);
      expect(missing.json().error.message).toContain('minutes.txt');
    });
  },
  { ATTACHMENT_MAX_MB: '0.05' },
);
