import { describe, expect, it } from 'vitest';
import { featureName, formatDays, formatTimestamp, formatValue, orderedFields } from './format.ts';
import { translate } from './messages.ts';

describe('formatValue', () => {
  it('spells out coded values, collection-specific codes first', () => {
    expect(formatValue('enterprises', 'risk_level', 'red', 'zh-CN')).toBe('红色（重大风险）');
    expect(formatValue('enterprises', 'risk_level', 'blue', 'en')).toBe('Blue (low risk)');
    // "other" means 普速铁路 on a railway but 其他 on a protected target
    expect(formatValue('railways', 'kind', 'other', 'zh-CN')).toBe('普速铁路');
    expect(formatValue('protected_targets', 'kind', 'other', 'zh-CN')).toBe('其他');
    expect(formatValue('hazard_sources', 'grade', 1, 'zh-CN')).toBe('一级重大危险源');
    expect(formatValue('chemical_parks', 'risk_grade', 'A', 'zh-CN')).toBe('A 类（高安全风险）');
  });

  it('shows booleans, empties, numbers and ids', () => {
    expect(formatValue('rail_crossings', 'guarded', true, 'zh-CN')).toBe('是');
    expect(formatValue('rail_crossings', 'guarded', false, 'en')).toBe('no');
    expect(formatValue('enterprises', 'phone', null, 'zh-CN')).toBe('—');
    expect(formatValue('districts', 'population', 2345000, 'en')).toBe('2,345,000');
    expect(formatValue('hazard_sources', 'ratio_sum', 1.23456, 'en')).toBe('1.23');
    expect(formatValue('hidden_dangers', 'source_id', 12345, 'en')).toBe('12345');   // ids are not grouped
  });

  it('names the features other columns refer to', () => {
    const featureName = (collection: string, id: number) => (collection === 'chemical_parks' && id === 3 ? '上海化学工业区' : undefined);
    expect(formatValue('enterprises', 'park_id', 3, 'zh-CN', { featureName })).toBe('上海化学工业区（#3）');
    expect(formatValue('enterprises', 'park_id', 4, 'zh-CN', { featureName })).toBe('#4');
    expect(formatValue('enterprises', 'park_id', 3, 'zh-CN')).toBe('#3');
  });

  it('lists hazard-source chemicals with their design maximum quantities', () => {
    const units = [{ chemical: '7782-50-5', quantityT: 10 }, { chemical: '7664-41-7', quantityT: 2.5 }];
    expect(formatValue('hazard_sources', 'units', units, 'zh-CN')).toBe('7782-50-5：10 吨\n7664-41-7：2.5 吨');
    expect(formatValue('hazard_sources', 'units', units, 'en')).toBe('7782-50-5：10 t\n7664-41-7：2.5 t');
    const chemicalName = (key: string) => ({ '7782-50-5': '氯' } as Record<string, string>)[key];
    expect(formatValue('hazard_sources', 'units', units, 'zh-CN', { chemicalName })).toBe('氯（7782-50-5）：10 吨\n7664-41-7：2.5 吨');
  });

  it('reads restricted-zone time windows', () => {
    const windows = [{ days: [1, 2, 3, 4, 5], from: '07:00', to: '09:00' }, { days: [6, 7], from: '10:00', to: '12:00' }];
    expect(formatValue('restricted_zones', 'time_windows', windows, 'zh-CN')).toBe('周一至周五 07:00–09:00\n周六、周日 10:00–12:00');
    expect(formatValue('restricted_zones', 'time_windows', [], 'zh-CN')).toBe('—');
  });

  it('shows timestamps in Shanghai time and keeps dates', () => {
    // 2025-03-01T16:30Z is 2025-03-02 00:30 in UTC+8
    expect(formatTimestamp('2025-03-01T16:30:00+00:00')).toBe('2025-03-02 00:30');
    expect(formatValue('hidden_dangers', 'found_at', '2025-03-01', 'zh-CN')).toBe('2025-03-01');
  });
});

describe('formatDays', () => {
  it('joins runs of consecutive weekdays', () => {
    expect(formatDays([1, 2, 3, 5, 7], 'zh-CN')).toBe('周一至周三、周五、周日');
    expect(formatDays([7, 6], 'en')).toBe('Sat, Sun');
    expect(formatDays([1, 2, 3, 4, 5, 6, 7], 'en')).toBe('Mon–Sun');
  });
});

describe('featureName', () => {
  it('uses name, English name in English, title, else kind and id', () => {
    expect(featureName('districts', { id: 1, name: '黄浦区', name_en: 'Huangpu' }, 'zh-CN')).toBe('黄浦区');
    expect(featureName('districts', { id: 1, name: '黄浦区', name_en: 'Huangpu' }, 'en')).toBe('Huangpu');
    expect(featureName('hidden_dangers', { id: 7, title: '道口警示灯损坏' }, 'zh-CN')).toBe('道口警示灯损坏');
    expect(featureName('gas_pipelines', { id: 42, name: null, pressure_class: '次高压A' }, 'zh-CN')).toBe('次高压A #42');
    expect(featureName('roads', { id: 9, name: '', class: 'local' }, 'en')).toBe('Local #9');
  });
});

describe('orderedFields', () => {
  it('puts preferred fields first, hides geometry/created_at/graph nodes, ends with id and updated_at', () => {
    const props = { updated_at: 'x', id: 1, class: 'local', name: 'a', source: 3, target: 4, created_at: 'y', zeta: 1, alpha: 2 };
    expect(orderedFields('roads', props, ['name', 'class'])).toEqual(['name', 'class', 'alpha', 'zeta', 'id', 'updated_at']);
    expect(orderedFields('rail_crossings', { source: 1, id: 2 }, [])).toEqual(['source', 'id']);
  });
});

describe('translate', () => {
  it('fills placeholders and falls back to zh-CN, then the key', () => {
    expect(translate('zh-CN', 'auth.failed', { message: 'x' })).toBe('登录失败：x');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
