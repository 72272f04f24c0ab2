// The landing page's words in English.
export const en = {
  'title': 'Service Supermarket Ledger',
  'lang.switch': '中文',
  'intro': 'The points ledger of the party-mass service supermarkets: points kept per household, nothing ever changed or deleted. Choose your desk; you sign in there with the key your community gave you.',
  'nav.label': 'Desks',
  'counter.name': 'Supermarket counter',
  'counter.what': 'Clerks: look up a passbook, redeem, cancel, close the day',
  'console.name': 'Committee console',
  'console.what': 'Committees: households, points items, activities, catalogue, honour rolls',
  'admin.name': 'Administration',
  'admin.what': 'Administrators: register communities, issue and revoke keys, district ranking',
  'partner.name': 'Partner desk',
  'partner.what': 'Partners: vouchers to serve, monthly settlement to print',
  'audit.name': "Auditor's desk",
  'audit.what': 'Auditors: verify the ledger, trace points, check honour rolls, export',
  'docs.name': 'API reference',
  'docs.what': 'Developers: the HTTP API, to read and try',
};
