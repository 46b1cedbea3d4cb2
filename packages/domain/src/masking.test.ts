import { describe, expect, it } from 'vitest';
import { maskContactsInText } from './masking.ts';

// What outsiders read of free text: each row is the text as written and as shown masked.
const masked: Array<[string, string]> = [
  // mobiles
  ['13912345678', '139****5678'],
  ['139-1234-5678', '139****5678'],
  ['138 1234 5678', '138****5678'],
  ['+86 138 1234 5678', '+86 138****5678'],
  ['+8613812345678', '+86138****5678'],
  ['86-13812345678', '86-138****5678'],
  ['008613812345678', '0086138****5678'],
  ['(+86)13812345678', '(+86)138****5678'],
  ['手机13812345678。', '手机138****5678。'],
  // landlines
  ['010-62345678', '010-****5678'],
  ['01062345678', '010****5678'],
  ['0311 8765 4321', '0311 ****4321'],
  ['0311-87654321', '0311-****4321'],
  ['(022)23456789', '(022)****6789'],
  ['（022）2345-6789', '（022）****6789'],
  ['022-2345678', '022-***5678'],
  ['+86 10 6234 5678', '+86 10 ****5678'],
  ['+86-311-87654321', '+86-311-****4321'],
  ['电话：62345678', '电话：****5678'],
  ['座机 6234 5678', '座机 ****5678'],
  ['Tel: 62345678', 'Tel: ****5678'],
  // emails
  ['li@school.cn', 'l***@school.cn'],
  // names after a label, and full names before a title
  ['联系人：张三 13812345678', '联系人：张* 138****5678'],
  ['联系人张三丰，电话010-62345678', '联系人张**，电话010-****5678'],
  ['负责人为王小明', '负责人为王**'],
  ['带队老师：李四', '带队老师：李*'],
  ['带队教师：李老师 13912345678', '带队教师：李老师 139****5678'],
  ['请联系张三老师', '请联系张*老师'],
  ['王小明经理负责对接', '王**经理负责对接'],
  ['联系人：张三老师', '联系人：张*老师'],
  // the whole line of the cohort test
  ['带队：李老师 13912345678 / 139-1234-5678，li@school.cn', '带队：李老师 139****5678 / 139****5678，l***@school.cn'],
];

// Text that must stay as written.
const kept = [
  '2027',
  '2027年3月起，共30人',
  '2027-03-01 至 2027-06-30',
  '2027.03.01',
  '月薪 4000 元，试用期 5000 元，年产值 1200000 元',
  '统一社会信用代码 91110000710926094P',
  '学校标识码 4111010853',
  '共 20 人，学号 2023123456789',
  '招收 120 名学生，分 3 批，每批 40 人',
  '张老师和王经理负责带队',
  '高级经理、项目经理各一名',
  '联系人电话见附件',
  '数控专业老师',
  '邮编 100176',
];

describe('masking contacts in free text', () => {
  it.each(masked)('masks %s', (text, expected) => {
    expect(maskContactsInText(text)).toBe(expected);
  });

  it.each(kept)('keeps %s', (text) => {
    expect(maskContactsInText(text)).toBe(text);
  });

  it('masks the organisation’s known contact names wherever they appear', () => {
    expect(maskContactsInText('如有问题请找赵六，赵六每天在校', ['赵六'])).toBe('如有问题请找赵*，赵*每天在校');
    expect(maskContactsInText('Ask John Smith or john smith', ['John Smith'])).toBe('Ask J********* or J*********');
    // a one-character or empty name is not searched for: it would mask every such character
    expect(maskContactsInText('王府井', ['王', '', null])).toBe('王府井');
  });

  it('does not mask what it already masked', () => {
    const once = maskContactsInText('联系人：张三，电话 010-62345678，手机 +86 138 1234 5678');
    expect(maskContactsInText(once)).toBe(once);
  });
});
