import { defineRule } from '../../engine/rule';

export default defineRule({
  meta: {
    id: 'indicator-unit-unknown',
    kind: 'indicators',
    defaultSeverity: 'warning',
    description: 'Единица измерения показателя не указана или не из принятых: %, процент, шт., числовой, да/нет, чел., руб., баллы.',
    howToFix: 'Укажите единицу измерения: %, шт., чел., числовой, да/нет, руб. или баллы.',
    fixable: false,
    messages: {
      missing: 'Не указана единица измерения показателя.',
      unknown: 'Единица измерения «{{unit}}» не распознана: используйте %, шт., числовой или да/нет.',
    },
  },
  create({ facts, report }) {
    if (facts.col('unit') === undefined) return {};
    return {
      indicator(r) {
        // A unit merged over several rows is reported once.
        if (!r.unitCell || r.unitRepeat) return;
        if (r.unitText === '') report({ messageId: 'missing', cell: r.unitCell });
        else if (r.unit === null) report({ messageId: 'unknown', data: { unit: r.unitText }, cell: r.unitCell });
      },
    };
  },
});
