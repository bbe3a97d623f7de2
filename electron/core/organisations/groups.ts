// Known groups by alias (issue 12): the names one group is written under. The organiser extends
// this table (a JSON file in resources/ later); extra groups are passed to organisationKey.

export interface OrganisationGroup {
  /** The name the group is shown under in reasons (中国移动). */
  name: string;
  /** Names that start the group's units: 中国移动通信集团江苏有限公司 starts with 中国移动通信. */
  aliases: readonly string[];
  /** Short names that need a place before them: 江苏移动, 苏州联通. */
  localAliases?: readonly string[];
  /** Words a unit's name may add after the alias and places: 国网江苏省电力 → 电力. */
  unitWords?: readonly string[];
}

export const DEFAULT_GROUPS: readonly OrganisationGroup[] = [
  {
    name: '中国移动',
    aliases: ['中国移动通信集团', '中国移动通信', '中国移动'],
    localAliases: ['移动'],
    unitWords: ['通信', '研究院', '设计院', '终端'],
  },
  {
    name: '中国电信',
    aliases: ['中国电信集团', '中国电信股份', '中国电信'],
    localAliases: ['电信'],
    unitWords: ['研究院', '通信'],
  },
  {
    name: '中国联通',
    aliases: ['中国联合网络通信集团', '中国联合网络通信', '中国联通'],
    localAliases: ['联通'],
    unitWords: ['研究院', '通信'],
  },
  {
    name: '中国广电',
    aliases: ['中国广播电视网络集团', '中国广播电视网络', '中国广电'],
    localAliases: ['广电'],
    unitWords: ['网络'],
  },
  { name: '中国铁塔', aliases: ['中国铁塔'], localAliases: ['铁塔'] },
  {
    name: '国家电网',
    aliases: ['国家电网', '国网'],
    unitWords: ['电力', '供电', '电网', '研究院'],
  },
  {
    name: '南方电网',
    aliases: ['中国南方电网', '南方电网', '南网'],
    unitWords: ['电网', '电力', '供电'],
  },
  { name: '华为', aliases: ['华为技术', '华为'], unitWords: ['终端', '云计算技术'] },
  { name: '中兴通讯', aliases: ['中兴通讯'] },
  { name: '中国信息通信研究院', aliases: ['中国信息通信研究院', '中国信通院', '信通院'] },
  {
    name: '中国信科',
    aliases: ['中国信息通信科技集团', '中信科移动通信技术', '中信科移动', '中国信科'],
  },
  { name: '新华三', aliases: ['新华三技术', '新华三', 'h3c'] },
];
