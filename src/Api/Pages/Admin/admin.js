// The administration desk (街道管理): communities, keys and the district ranking, for the admin key.
import { createDesk } from '/shared/desk-session.js';
import { createCommunities } from './communities.js';
import { createKeys } from './keys.js';
import { createRanking } from './ranking.js';
import { en } from './words-en.js';
import { zh } from './words-zh.js';

const sections = [];
const desk = createDesk({
  page: 'admin',
  role: 'admin',
  dictionaries: { 'zh-CN': zh, en },
  onSignedIn: async () => {
    await communities.load();
    await keys.load();
  },
  rerender: () => sections.forEach(s => s.render()),
});

const communities = createCommunities(desk, list => { keys.setCommunities(list); ranking.setCommunities(list); });
const keys = createKeys(desk);
const ranking = createRanking(desk);
sections.push(communities, keys, ranking);
