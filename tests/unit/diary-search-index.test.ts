import { describe, expect, it } from 'vitest'
import { DiarySearchIndex, highlight, snippet, words } from '../../src-main/core/diary/diary-search-index'

describe('diary search index', () => {
  it("finds entries having every word (or a word's beginning), in any script and case, titles first", () => {
    const index = new DiarySearchIndex()
    index.put({ id: 'a', title: 'Walk', body: 'A heron by the river', tags: [] })
    index.put({ id: 'b', title: 'Rain', body: 'We walked to the Café Über', tags: ['Ausflug'] })
    index.put({ id: 'c', title: 'Москва', body: 'снег', tags: [] })
    expect(index.query(['walk']).map((h) => h.id)).toEqual(['a', 'b'])
    expect(index.query(words('café ÜBER')).map((h) => h.id)).toEqual(['b'])
    expect(index.query(words('ausf')).map((h) => h.id)).toEqual(['b'])
    expect(index.query(words('моск')).map((h) => h.id)).toEqual(['c'])
    expect(index.query(words('heron rain'))).toEqual([])
  })

  it('forgets replaced and removed entries, also across compactions', () => {
    const index = new DiarySearchIndex()
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 1500; i++) index.put({ id: `e${i}`, title: `round${round}`, body: `common word${i}`, tags: [] })
    }
    expect(index.size).toBe(1500)
    expect(index.query(['round0'])).toEqual([])
    expect(index.query(['round2'])).toHaveLength(1500)
    expect(index.query(['word1499']).map((h) => h.id)).toEqual(['e1499'])
    index.remove('e1499')
    expect(index.query(['word1499'])).toEqual([])
    index.clear()
    expect(index.query(['common'])).toEqual([])
  })

  it('marks the matching words of a text and cuts a snippet around the first', () => {
    expect(highlight('Walked home, walking', ['walk'])).toEqual([
      { text: 'Walked', match: true }, { text: ' home, ', match: false }, { text: 'walking', match: true },
    ])
    const long = `${'x '.repeat(200)}the heron ${'y '.repeat(200)}`
    const cut = snippet(long, ['heron'])
    expect(cut.filter((s) => s.match).map((s) => s.text)).toEqual(['heron'])
    expect(cut.map((s) => s.text).join('').length).toBeLessThan(170)
    expect(snippet('nothing here', ['heron'])).toEqual([])
  })
})
