// The partner's page (合伙人服务台): sign in with a partner key, serve the open vouchers of its services, read and print
// its settlement (核销结算) by month. The key stays in this window's sessionStorage only (/shared/desk-session.js).
import { createDesk } from '/shared/desk-session.js';
import { createSettlement } from './settlement.js';
import { createVouchers } from './vouchers.js';
import { en } from './words-en.js';
import { zh } from './words-zh.js';

const sections = [];
const desk = createDesk({
  page: 'partner',
  role: 'partner',
  dictionaries: { 'zh-CN': zh, en },
  onSignedIn: me => Promise.all(sections.map(s => s.start(me))),
  rerender: () => sections.forEach(s => s.render()),
});

sections.push(createVouchers(desk), createSettlement(desk));
