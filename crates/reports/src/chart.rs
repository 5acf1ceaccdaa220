//! Charts without a chart library: SVG bar charts for pages and documents, and a tiny PNG
//! encoder for the bars Word needs as pictures (docx-rs embeds PNG only).
//!
//! charts-rs 2.x was not used: it brings a font stack and an SVG rasteriser (resvg, fontdb)
//! to render text into images, far more build time than a bar chart needs. Rasterising
//! Chinese text into a PNG would also need a CJK font embedded in the binary; instead the
//! .docx draws each bar as a stretched solid-colour PNG in a table row whose label and value
//! are real text (searchable, in the document's fonts).

/// One bar: a label and a value (non-finite or negative values are drawn as 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
}

impl Bar {
    pub fn new(label: impl Into<String>, value: f64) -> Self {
        Bar { label: label.into(), value }
    }
}

/// Fonts named in SVG text: Noto Sans CJK SC on Linux servers, SimSun on Windows.
pub const SVG_FONTS: &str = "Noto Sans CJK SC, SimSun, sans-serif";

/// The bar colour (ECharts' first palette colour, so pages and documents look alike).
pub const BAR_RGB: [u8; 3] = [0x54, 0x70, 0xc6];

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => o.push(c),
        }
    }
    o
}

fn clean(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 { v } else { 0.0 }
}

/// Formats a value: integers without decimals, others with up to two.
pub fn fmt_value(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    if (v - v.round()).abs() < 1e-9 { format!("{v:.0}") } else { format!("{v:.2}") }
}

/// A horizontal bar chart as a standalone SVG document: title, one row per bar (label on the
/// left, bar, value at its end), text in [`SVG_FONTS`]. No bars → a chart that says 暂无数据.
pub fn chart_svg(title: &str, bars: &[Bar], unit: &str) -> String {
    let (w, label_w, row_h, top) = (640.0, 200.0, 28.0, 44.0);
    let n = bars.len().max(1) as f64;
    let h = top + n * row_h + 16.0;
    let max = bars.iter().map(|b| clean(b.value)).fold(0.0, f64::max);
    let plot_w = w - label_w - 90.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{SVG_FONTS}" role="img" aria-label="{t}">"#,
        t = esc(title)
    );
    s.push_str(&format!(r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##));
    s.push_str(&format!(r##"<text x="{x}" y="26" font-size="16" font-weight="bold" text-anchor="middle" fill="#222">{t}</text>"##, x = w / 2.0, t = esc(title)));
    if bars.is_empty() {
        s.push_str(&format!(r##"<text x="{x}" y="{y}" font-size="14" text-anchor="middle" fill="#888">暂无数据</text>"##, x = w / 2.0, y = top + 18.0));
    }
    for (i, b) in bars.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let v = clean(b.value);
        let bw = if max > 0.0 { plot_w * v / max } else { 0.0 };
        s.push_str(&format!(
            r##"<text x="{lx}" y="{ty}" font-size="13" text-anchor="end" fill="#333">{l}</text><rect x="{label_w}" y="{ry}" width="{bw:.1}" height="{bh}" fill="#{c0:02x}{c1:02x}{c2:02x}"/><text x="{vx:.1}" y="{ty}" font-size="12" fill="#333">{v}{u}</text>"##,
            lx = label_w - 8.0,
            ty = y + 18.0,
            l = esc(&b.label),
            ry = y + 6.0,
            bh = row_h - 10.0,
            c0 = BAR_RGB[0],
            c1 = BAR_RGB[1],
            c2 = BAR_RGB[2],
            vx = label_w + bw + 6.0,
            v = fmt_value(v),
            u = esc(unit),
        ));
    }
    s.push_str("</svg>");
    s
}

/// A PNG (8-bit RGB, no interlace) of `width × height` pixels from row-major RGB bytes, with
/// zlib *stored* (uncompressed) blocks: no compression library needed. `None` if the pixel
/// buffer has the wrong length or a side is zero.
pub fn encode_png(width: u32, height: u32, rgb: &[u8]) -> Option<Vec<u8>> {
    let row = width as usize * 3;
    if width == 0 || height == 0 || rgb.len() != row * height as usize {
        return None;
    }
    let mut raw = Vec::with_capacity((row + 1) * height as usize);
    for r in rgb.chunks_exact(row) {
        raw.push(0); // filter: none
        raw.extend_from_slice(r);
    }
    let mut z = vec![0x78, 0x01];
    let mut chunks = raw.chunks(65_535).peekable();
    while let Some(c) = chunks.next() {
        z.push(u8::from(chunks.peek().is_none()));
        let len = c.len() as u16;
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    Some(out)
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut h = crc32fast::Hasher::new();
    h.update(kind);
    h.update(data);
    out.extend_from_slice(&h.finalize().to_be_bytes());
}

/// A small solid-colour PNG (4 × 4), stretched to a bar's size in the document.
pub fn solid_png(rgb: [u8; 3]) -> Vec<u8> {
    let px: Vec<u8> = std::iter::repeat_n(rgb, 16).flatten().collect();
    encode_png(4, 4, &px).expect("4 × 4 × 3 bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_has_labels_bars_and_fonts() {
        let s = chart_svg("按产业链<分布>", &[Bar::new("新材料", 120.0), Bar::new("智能制造", 60.0), Bar::new("空", f64::NAN)], "个");
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        assert!(s.contains("Noto Sans CJK SC, SimSun"));
        assert!(s.contains("新材料") && s.contains("120个") && s.contains("&lt;分布&gt;"));
        assert_eq!(s.matches("<rect").count(), 4, "background + 3 bars");
        assert!(!s.contains("NaN") && !s.contains("inf"));
        assert!(chart_svg("空", &[], "").contains("暂无数据"));
        // All-zero values: no division by zero.
        assert!(!chart_svg("零", &[Bar::new("a", 0.0)], "").contains("NaN"));
    }

    #[test]
    fn png_is_well_formed() {
        let p = solid_png(BAR_RGB);
        assert_eq!(&p[..8], &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]);
        assert_eq!(&p[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(p[16..20].try_into().unwrap()), 4);
        assert!(p.ends_with(&[0xae, 0x42, 0x60, 0x82]), "IEND CRC");
        // Larger than one stored block.
        let big = vec![200u8; 300 * 100 * 3];
        assert!(encode_png(300, 100, &big).is_some());
        assert!(encode_png(0, 1, &[]).is_none());
        assert!(encode_png(2, 2, &[0; 5]).is_none());
    }
}
