import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../browser';
import type { E2eUser } from '../e2e-server';
import { POLL, tid } from './selectors';

/** On the members page, adds each user (picked from the admin's user list, narrowed by role). */
export async function addMembers(page: Page, project: string, users: readonly E2eUser[]): Promise<void> {
  await page.goto(`/projects/${project}/members`);
  await page.waitForSelector(tid('member-user'));
  for (const user of users) {
    await page.selectOption(tid('member-role'), user.role);
    await page.selectOption(tid('member-user'), user.user_id);
    await page.click(tid('member-add'));
    await page.waitForSelector(tid(`member-${user.user_id}`));
  }
  for (const user of users) {
    await expect.poll(() => page.textContent(tid(`member-${user.user_id}`)), POLL).toContain(user.email);
  }
  await screenshot(page, 'image-flow-04-members');
}
