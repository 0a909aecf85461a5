import { describe, expect, it } from 'vitest'
import { builtInIgnoreReason, compileGlob, ignoreRules } from '../../src-main/core/sync/ignore-rules'
import { networkFsType, networkFsTypeInside } from '../../src-main/core/sync/fs-probe'

describe('ignore rules', () => {
  it.each([
    ['.hidden', 'hidden'], ['.DS_Store', 'hidden'], ['notes.txt~', 'backup'], ['a.tmp', 'temporary'], ['B.TEMP', 'temporary'],
    ['Thumbs.db', 'system'], ['DESKTOP.INI', 'system'], ['movie.crdownload', 'temporary'], ['photo.jpg', null], ['tmp', null], ['a~b', null],
  ])('built in: %s → %s', (name, reason) => {
    expect(builtInIgnoreReason(name)).toBe(reason)
  })

  it('answers a name inside a folder that is not left out the same as for its whole path', () => {
    const rules = ignoreRules({ patterns: ['*.raw', 'exports/', '/top.txt', 'a/**/z.txt'], libraryRelPath: 'stuff/Trove', caseSensitive: false })
    const cases: Array<[string, string, boolean]> = [
      ['', 'top.txt', false], ['x', 'top.txt', false], ['x', 'b.RAW', false], ['', 'exports', true], ['', 'exports', false], ['stuff', 'trove', true],
      ['stuff', 'Trove2', true], ['a/b', 'z.txt', false], ['a', 'z.txt', false], ['x', '.git', true], ['x', 'n.tmp', false], ['x', 'photo.jpg', false],
    ]
    for (const [parent, name, isDirectory] of cases) {
      expect(rules.ignoresIn(parent, name, isDirectory), `${parent}/${name}`).toBe(rules.ignores(parent ? `${parent}/${name}` : name, isDirectory))
    }
  })

  it('applies built-ins to every folder on the way, and leaves the library folder out', () => {
    const rules = ignoreRules({ patterns: [], libraryRelPath: 'stuff/Trove', caseSensitive: true })
    expect(rules.ignores('a/.git/config', false)).toBe(true)
    expect(rules.ignores('stuff/Trove', true)).toBe(true)
    expect(rules.ignores('stuff/Trove/objects/ab/x', false)).toBe(true)
    expect(rules.ignores('stuff/Trove2/x.txt', false)).toBe(false)
    expect(rules.ignores('', true)).toBe(false)
  })

  it.each([
    ['*.jpg', 'a.jpg', true], ['*.jpg', 'deep/in/b.jpg', true], ['*.jpg', 'a.jpeg', false], ['*.{jpg,png}', 'x/y.png', true],
    ['raw/**', 'raw/a/b.cr2', true], ['raw/**', 'other/raw/a', false], ['/exports', 'exports', true], ['/exports', 'x/exports', false],
    ['**/cache', 'a/b/cache', true], ['a/**/z.txt', 'a/z.txt', true], ['a/**/z.txt', 'a/b/c/z.txt', true], ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file10.txt', false], ['[abc]*.txt', 'b1.txt', true], ['[!abc]*.txt', 'b1.txt', false], ['node_modules', 'x/node_modules', true],
  ])('glob %s against %s → %s', (pattern, path, expected) => {
    expect(compileGlob(pattern).matches(path, false)).toBe(expected)
  })

  it('matches a trailing-slash pattern against folders only, and everything under a matched folder', () => {
    const rules = ignoreRules({ patterns: ['build/'], libraryRelPath: null, caseSensitive: true })
    expect(rules.ignores('build', true)).toBe(true)
    expect(rules.ignores('build', false)).toBe(false)
    expect(rules.ignores('src/build/out.js', false)).toBe(true)
  })

  it('folds case on case-insensitive folders', () => {
    expect(ignoreRules({ patterns: ['*.raw'], libraryRelPath: null, caseSensitive: false }).ignores('A.RAW', false)).toBe(true)
    expect(ignoreRules({ patterns: ['*.raw'], libraryRelPath: null, caseSensitive: true }).ignores('A.RAW', false)).toBe(false)
  })
})

describe('network mounts', () => {
  const mounts = [
    '/dev/vda1 / ext4 rw 0 0',
    'server:/export /mnt/nas nfs4 rw 0 0',
    '//host/share /media/my\\040share cifs rw 0 0',
    'me@box:/ /home/me/box fuse.sshfs rw 0 0',
    '/dev/sdb1 /mnt/nas/local ext4 rw 0 0',
  ].join('\n')
  it.each([
    ['/home/me/Photos', null], ['/mnt/nas/photos', 'nfs4'], ['/media/my share/x', 'cifs'], ['/home/me/box/docs', 'fuse.sshfs'],
    ['/mnt/nas/local/x', null], ['/mnt/nasty', null],
  ])('%s → %s', (path, type) => {
    expect(networkFsType(mounts, path)).toBe(type)
  })

  it('finds a network share mounted inside a local folder (such a tree is not walked synchronously)', () => {
    const mounts = ['/dev/sda1 / ext4 rw 0 0', '/dev/sdb1 /home/me/Photos/usb ext4 rw 0 0', 'nas:/vol /home/me/Photos/nas\\040box nfs4 rw 0 0'].join('\n')
    expect(networkFsTypeInside(mounts, '/home/me/Photos')).toBe('nfs4')
    expect(networkFsTypeInside(mounts, '/home/me/Photos/usb')).toBeNull()
    expect(networkFsTypeInside(mounts, '/home/me/Photo')).toBeNull()
    expect(networkFsType(mounts, '/home/me/Photos')).toBeNull()
  })
})
