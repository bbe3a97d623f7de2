// Large generated 绽放杯 entry files, for progress, cancel and speed tests.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const SECTORS = ['5G+工业互联网', '5G+智能矿山', '5G+智慧电力', '5G+卫生健康', '5G+数字教育'];
const PROVINCES = ['江苏省', '浙江省', '广东省', '山西省', '四川省', '湖南省'];

/** A UTF-8 CSV of `rows` valid submissions with ids B0000001…; written in a stream. */
export async function writeBloomCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('项目编号,项目名称,牵头申报单位,所属行业,省份,城市,项目简介\r\n');
  for (let i = 1; i <= rows; i++) {
    const id = `B${String(i).padStart(7, '0')}`;
    const line = `${id},5G+智慧应用示范项目${i},申报单位${i % 997}有限公司,${SECTORS[i % SECTORS.length]},${PROVINCES[i % PROVINCES.length]},城市${i % 50},"申报单位${i}联合运营商建设5G专网，实现生产效率提升${i % 40}%。"\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
