// The partners screen's words, spread into words-zh.js and words-en.js (every key in both).
export const partnersZh = {
  'nav.partners': '合伙人',
  'partners.heading': '合伙人与服务结算',
  'partner.id': '编号', 'partner.name': '名称', 'partner.kind': '类别', 'partner.services': '提供的服务（结算价，元）',
  'partner.kind.enterprise': '企业', 'partner.kind.social-organisation': '社会组织', 'partner.kind.partner-unit': '结对共建单位', 'partner.kind.merchant': '商户',
  'partner.register': '登记合伙人', 'partner.idHint': '字母、数字、- 或 _，如 elder-barber；登记后不能更改。',
  'partner.submit': '登记', 'partner.done': '已登记：{name}', 'partner.noServices': '暂无',
  'provision.heading': '服务的提供单位与结算价', 'provision.service': '服务', 'provision.partner': '提供单位',
  'provision.price': '每张服务券结算价（元）', 'provision.priceHint': '核销一张服务券，社区付给提供单位的金额。已兑出的券仍按兑换时的价格结算。',
  'provision.submit': '保存', 'provision.missing': '请选择服务和提供单位，并填写结算价（0 元或以上）。',
  'provision.done': '“{service}”由{partner}提供，每张结算 {yuan} 元。',
  'problem.partner-exists': '这个编号的合伙人已经登记过了。',
  'problem.partner-not-found': '社区里没有登记这个合伙人。',
};

export const partnersEn = {
  'nav.partners': 'Partners',
  'partners.heading': 'Partners and service settlement',
  'partner.id': 'ID', 'partner.name': 'Name', 'partner.kind': 'Kind', 'partner.services': 'Services provided (settlement, yuan)',
  'partner.kind.enterprise': 'Enterprise', 'partner.kind.social-organisation': 'Social organisation', 'partner.kind.partner-unit': 'Partner unit', 'partner.kind.merchant': 'Merchant',
  'partner.register': 'Register a partner', 'partner.idHint': 'Letters, digits, - or _, e.g. elder-barber; it cannot be changed later.',
  'partner.submit': 'Register', 'partner.done': 'Registered: {name}', 'partner.noServices': 'none yet',
  'provision.heading': 'Who provides a service, at what settlement price', 'provision.service': 'Service', 'provision.partner': 'Provider',
  'provision.price': 'Settlement per voucher (yuan)', 'provision.priceHint': 'What the community pays the provider for each voucher served. Vouchers already redeemed keep the price they were redeemed at.',
  'provision.submit': 'Save', 'provision.missing': 'Choose a service and a provider and enter a settlement price (0 or more).',
  'provision.done': '"{service}" is provided by {partner} at {yuan} yuan per voucher.',
  'problem.partner-exists': 'A partner with this ID is already registered.',
  'problem.partner-not-found': 'The community has no such partner registered.',
};
