import sharp from 'sharp'

/**
 * Small colourful pictures (a sky, a sun, two hills) made on the spot, distinct per seed: real
 * JPEG and PNG files for the library's end-to-end tests and the README screenshot.
 */
const PALETTES = [
  ['#1e3c72', '#f9d423', '#2a9d8f', '#264653'],
  ['#ff7e5f', '#feb47b', '#6a994e', '#386641'],
  ['#83a4d4', '#ffffff', '#8ecae6', '#219ebc'],
  ['#42275a', '#ff6f91', '#734b6d', '#2d1b3d'],
  ['#56ccf2', '#fff275', '#6fcf97', '#27ae60'],
  ['#f2994a', '#f2c94c', '#bb6bd9', '#6d3b8e'],
  ['#0f2027', '#e0e0e0', '#2c5364', '#203a43'],
  ['#ee9ca7', '#fff1c1', '#c06c84', '#6c5b7b'],
] as const

export function sceneSvg(seed: number, width = 480, height = 320): string {
  const [sky, sun, near, far] = PALETTES[seed % PALETTES.length]!
  const sunX = 0.2 + ((seed * 37) % 60) / 100
  const hill = (base: number, amp: number, phase: number) => {
    const points = Array.from({ length: 9 }, (_, i) => {
      const x = (i / 8) * width
      const y = height * base - Math.sin(i * 0.9 + phase) * height * amp
      return `${x.toFixed(1)},${y.toFixed(1)}`
    })
    return `M0,${height} L${points.join(' L')} L${width},${height} Z`
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="${sun}" stop-opacity="0.55"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#s)"/>
    <circle cx="${width * sunX}" cy="${height * 0.32}" r="${height * 0.12}" fill="${sun}"/>
    <path d="${hill(0.68, 0.08, seed)}" fill="${far}" opacity="0.85"/>
    <path d="${hill(0.82, 0.06, seed * 2 + 1)}" fill="${near}"/>
  </svg>`
}

export async function sceneJpeg(seed: number, width = 480, height = 320): Promise<Buffer> {
  return sharp(Buffer.from(sceneSvg(seed, width, height))).jpeg({ quality: 82 }).toBuffer()
}

export async function scenePng(seed: number, width = 480, height = 320): Promise<Buffer> {
  return sharp(Buffer.from(sceneSvg(seed, width, height))).png().toBuffer()
}
