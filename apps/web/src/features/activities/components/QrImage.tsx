/**
 * A QR code drawn in the browser (the `qrcode` package) as an SVG image: no canvas, so it also
 * renders under jsdom, and the CSP allows data: images.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function QrImage({ value, size, alt }: { value: string; size: number; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(value, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [value]);
  return src ? <img src={src} alt={alt} width={size} height={size} className="qr-image" data-value={value} /> : <div style={{ width: size, height: size }} />;
}
