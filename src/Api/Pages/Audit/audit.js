// The auditor's desk (审计台): verify as a job with progress, trace a household, check an honour roll, export.
import { createDesk } from '/shared/desk-session.js';
import { createChecks } from './checks.js';
import { createTrace } from './trace.js';
import { createVerify } from './verify.js';
import { en } from './words-en.js';
import { zh } from './words-zh.js';

const sections = [];
const desk = createDesk({
  page: 'audit',
  role: 'auditor',
  dictionaries: { 'zh-CN': zh, en },
  onSignedIn: () => checks.load(),
  rerender: () => sections.forEach(s => s.render()),
});

const checks = createChecks(desk);
sections.push(createVerify(desk), createTrace(desk), checks);
