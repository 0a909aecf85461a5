export { SEARCH_HIT_HEIGHT, SearchHitRow, type SearchHitRowProps } from './SearchHitRow'
