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

/// The bar of every chart in a Word document: a 4 × 4 PNG (8-bit RGB) of [`BAR_RGB`],
/// stretched to each bar's size. A constant because it never changes: the bytes are a zlib
/// *stored* (uncompressed) block, so the test below can read the pixels back.
pub const BAR_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09,
    0x29, 0x00, 0x00, 0x00, 0x3f, 0x49, 0x44, 0x41, 0x54, 0x78, 0x01, 0x01, 0x34, 0x00, 0xcb, 0xff,
    0x00, 0x54, 0x70, 0xc6, 0x54, 0x70, 0xc6, 0x54, 0x70, 0xc6, 0x54, 0x70, 0xc6, 0x00, 0x54, 0x70,
    0xc6, 0x54, 0x70, 0xc6, 0x54, 0x70, 0xc6, 0x54, 0x70, 0xc6, 0x00, 0x54, 0x70, 0xc6, 0x54, 0x70,
    0xc6, 0x54, 0x70, 0xc6, 0x54, 0x70, 0xc6, 0x00, 0x54, 0x70, 0xc6, 0x54, 0x70, 0xc6, 0x54, 0x70,
    0xc6, 0x54, 0x70, 0xc6, 0x79, 0x72, 0x18, 0xa1, 0x8b, 0x3f, 0x5b, 0xab, 0x00, 0x00, 0x00, 0x00,
    0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

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

    /// Every chunk's CRC is right, the header says 4 × 4 RGB, and the stored block holds four
    /// rows of the bar colour, each after a filter byte of 0.
    #[test]
    fn bar_png_is_a_well_formed_4_by_4_of_the_bar_colour() {
        let p = BAR_PNG;
        assert_eq!(&p[..8], &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]);
        let mut at = 8;
        let mut kinds = Vec::new();
        while at < p.len() {
            let len = u32::from_be_bytes(p[at..at + 4].try_into().unwrap()) as usize;
            let kind = &p[at + 4..at + 8];
            let data = &p[at + 8..at + 8 + len];
            let crc = u32::from_be_bytes(p[at + 8 + len..at + 12 + len].try_into().unwrap());
            let mut h = crc32fast::Hasher::new();
            h.update(kind);
            h.update(data);
            assert_eq!(h.finalize(), crc, "CRC of {}", String::from_utf8_lossy(kind));
            kinds.push((String::from_utf8_lossy(kind).into_owned(), data.to_vec()));
            at += 12 + len;
        }
        assert_eq!(kinds.iter().map(|k| k.0.as_str()).collect::<Vec<_>>(), ["IHDR", "IDAT", "IEND"]);
        assert_eq!(kinds[0].1, [0, 0, 0, 4, 0, 0, 0, 4, 8, 2, 0, 0, 0]);
        let row: Vec<u8> = std::iter::once(0).chain(std::iter::repeat_n(BAR_RGB, 4).flatten()).collect();
        let pixels = &kinds[1].1[7..7 + 4 * row.len()];
        assert!(pixels.chunks(row.len()).all(|r| r == row.as_slice()));
    }

}
