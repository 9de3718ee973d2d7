"""Regenerates the PIL decoding fixtures: small images in many modes/formats, each with PIL 9.4's
Image.open(f).convert("RGB") as <file>.rgb.npy (HxWx3 uint8) and, for the EXIF case, the
ImageOps.exif_transpose result. Run with Debian's python3-pil 9.4:  /usr/bin/python3 make_fixtures.py"""
import io, json, numpy as np, PIL
from PIL import Image, ImageOps
assert PIL.__version__.startswith('9.4'), PIL.__version__
rng = np.random.default_rng(7)
W, H = 23, 17
yy, xx = np.mgrid[0:H, 0:W]
rgb = np.stack([xx * 11 % 256, yy * 15 % 256, (xx * yy * 3 + 40) % 256], -1).astype(np.uint8)
rgb = (rgb.astype(int) + rng.integers(-20, 20, rgb.shape)).clip(0, 255).astype(np.uint8)
cases = {}
def save(name, im, **kw):
    im.save(name, **kw)
    cases[name] = Image.open(name).mode
base = Image.fromarray(rgb)
save('rgb420.jpg', base, quality=90)
save('rgb444_progressive.jpg', base, quality=95, subsampling=0, progressive=True)
save('rgb422.jpg', base, quality=80, subsampling=1)
save('gray.jpg', base.convert('L'), quality=90)
save('cmyk.jpg', base.convert('CMYK'), quality=95)
ex = Image.Exif(); ex[0x0112] = 6
save('exif_orientation6.jpg', base, quality=90, exif=ex.tobytes())
save('palette.png', base.convert('P', palette=Image.ADAPTIVE, colors=13))
p = base.convert('P', palette=Image.ADAPTIVE, colors=13); p.info['transparency'] = 3
save('palette_trns.png', p, transparency=3)
a = np.dstack([rgb, (xx * 12 % 256).astype(np.uint8)])
save('rgba.png', Image.fromarray(a, 'RGBA'))
save('la.png', Image.fromarray(np.dstack([rgb[..., 0], rgb[..., 1]]), 'LA'))
save('gray16.png', Image.fromarray((xx * 40 + yy * 7).astype(np.uint16)))
save('onebit.png', base.convert('1'))
save('gray.png', base.convert('L'))
save('rgb.gif', base.convert('P', palette=Image.ADAPTIVE, colors=31))
save('rgb.bmp', base)
# 16-bit RGB PNG written by hand (PIL cannot write it)
import zlib, struct
d16 = (rgb.astype(np.uint16) * 257 + rng.integers(0, 256, rgb.shape)).astype('>u2')
raw = b''.join(b'\x00' + d16[y].tobytes() for y in range(H))
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open('rgb16.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, 16, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
cases['rgb16.png'] = Image.open('rgb16.png').mode
# Layouts PIL cannot write, written by the JDK's JPEG writer (see the note in the docs): 4:4:0 (h1v2)
# and 4:1:1 (h4v1) luma sampling, and an Adobe YCCK (transform 2) file. Their expected pixels are
# still PIL's.
for extra in ['sub440.jpg', 'sub411.jpg', 'ycck.jpg']:
    cases[extra] = Image.open(extra).mode
for name in cases:
    np.save(name + '.rgb.npy', np.asarray(Image.open(name).convert('RGB')))
np.save('exif_orientation6.jpg.transposed.npy', np.asarray(ImageOps.exif_transpose(Image.open('exif_orientation6.jpg')).convert('RGB')))
json.dump({'pil': PIL.__version__, 'modes': cases}, open('fixtures.json', 'w'), indent=1)
