export { MainNav, type MainNavProps } from './MainNav'
