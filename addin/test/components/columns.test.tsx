/** What the pane keeps of a column mapping in the document (issue #11): read back safely, written within a property's size. */
import { MAX_COLUMNS_TEXT, parseRemembered, rememberedText } from '../../src/state/columns';

describe('the remembered columns in the document', () => {
  it('round-trips a mapping as JSON and removes the setting for an empty one', () => {
    const columns = { 'Что делаем': 'activity', Когда: 'deadline' } as const;
    expect(parseRemembered(rememberedText(columns))).toEqual(columns);
    expect(rememberedText({})).toBeNull();
    expect(rememberedText(null)).toBeNull();
  });

  it('reads a damaged or hand-edited setting as far as it is good, never throwing', () => {
    expect(parseRemembered(null)).toBeNull();
    expect(parseRemembered('{не json')).toBeNull();
    expect(parseRemembered('["activity"]')).toBeNull();
    expect(parseRemembered(JSON.stringify({ 'Что делаем': 'мероприятие', Когда: 'время' }))).toEqual({ 'Что делаем': 'activity' });
  });

  it('refuses, in Russian, a mapping too large for a document property', () => {
    const huge = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`Очень длинный заголовок столбца номер ${i}`, 'activity' as const]));
    expect(JSON.stringify(huge).length).toBeGreaterThan(MAX_COLUMNS_TEXT);
    expect(() => rememberedText(huge)).toThrow(/слишком большое/);
  });
});
