// The landing page's words in Chinese (the default).
export const zh = {
  'title': '积分超市账本',
  'lang.switch': 'English',
  'intro': '党群服务超市的积分账本：以户为单位记录积分，账本只增不改。请选择您的工作台，登录时输入社区发放的密钥。',
  'nav.label': '工作台',
  'counter.name': '超市柜台',
  'counter.what': '超市管理员：查询存折、兑换、撤销、日结',
  'console.name': '两委工作台',
  'console.what': '两委：住户、积分项目、活动、商品、荣誉榜',
  'admin.name': '街道管理',
  'admin.what': '管理员：登记社区、发放和吊销密钥、社区排名',
  'partner.name': '合伙人服务台',
  'partner.what': '合伙人：待服务的服务券、按月核销结算与打印',
  'audit.name': '审计台',
  'audit.what': '审计：核验账本、追溯积分、核对荣誉榜、导出',
  'docs.name': '接口文档',
  'docs.what': '开发者：HTTP 接口参考，可直接试用',
};
