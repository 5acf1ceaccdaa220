//! Turning an uploaded policy into the parser's [`PolicySource`]: plain text as is,
//! HTML with its tags stripped but `<strong>`/`<b>` kept as bold ranges, and .docx
//! from `word/document.xml` with bold runs (`<w:b/>`). The web import and the
//! `zhijiao policy parse` command share this code.

use quick_xml::events::Event;
use std::io::Read;
use zhijiao_domain::policy_parser::{PolicySource, SourceLine};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
}

impl Format {
    pub fn key(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
    /// By file name extension; anything unknown is read as plain text.
    pub fn from_filename(name: &str) -> Format {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".docx") {
            Format::Docx
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error("文件不是 UTF-8 文本")]
    NotUtf8,
    #[error("不是有效的 .docx 文件：{0}")]
    BadDocx(String),
}

/// Convert bytes of the given format; returns the source and its plain text (kept
/// with the policy for the side-by-side view).
pub fn convert(bytes: &[u8], format: Format) -> Result<PolicySource, ConvertError> {
    match format {
        Format::Text => {
            let s = std::str::from_utf8(bytes).map_err(|_| ConvertError::NotUtf8)?;
            Ok(PolicySource::from_plain_text(s))
        }
        Format::Html => {
            let s = std::str::from_utf8(bytes).map_err(|_| ConvertError::NotUtf8)?;
            Ok(from_html(s))
        }
        Format::Docx => from_docx(bytes),
    }
}

/// The source's lines joined with `\n`.
pub fn plain_text(src: &PolicySource) -> String {
    src.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
}

/// Builds lines while tracking bold depth; adjacent bold ranges merge.
#[derive(Default)]
struct LineBuilder {
    lines: Vec<SourceLine>,
    cur: SourceLine,
    bold_start: Option<usize>,
}

impl LineBuilder {
    fn push_text(&mut self, s: &str, bold: bool) {
        if s.is_empty() {
            return;
        }
        let start = self.cur.text.len();
        self.cur.text.push_str(s);
        if bold {
            let end = self.cur.text.len();
            match self.cur.bold.last_mut() {
                Some(r) if r.end == start => r.end = end,
                _ => self.cur.bold.push(start..end),
            }
        }
    }
    fn end_line(&mut self) {
        let mut line = std::mem::take(&mut self.cur);
        // Trim, shifting bold ranges with the text.
        let lead = line.text.len() - line.text.trim_start().len();
        let kept = line.text.trim().len();
        if lead > 0 || kept < line.text.len() {
            let text = line.text[lead..lead + kept].to_string();
            line.bold = line
                .bold
                .iter()
                .filter_map(|r| {
                    let s = r.start.max(lead) - lead;
                    let e = r.end.min(lead + kept).saturating_sub(lead);
                    (s < e).then_some(s..e)
                })
                .collect();
            line.text = text;
        }
        self.lines.push(line);
        self.bold_start = None;
    }
    fn finish(mut self) -> PolicySource {
        if !self.cur.text.is_empty() {
            self.end_line();
        }
        PolicySource { lines: self.lines }
    }
}

const BLOCK_TAGS: [&str; 22] = [
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "header",
    "footer", "title", "blockquote", "pre", "hr",
];

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "nbsp" | "ensp" | "emsp" => Some(' '),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "mdash" => Some('—'),
                _ if name.starts_with("#x") || name.starts_with("#X") => u32::from_str_radix(&name[2..], 16).ok().and_then(char::from_u32),
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Strip HTML to lines: block elements end a line, `<strong>`/`<b>` (and
/// `font-weight:bold`/`700` spans are not guessed) mark bold, `<script>`/`<style>`
/// are dropped, entities decoded, whitespace runs in text collapse to one space.
pub fn from_html(html: &str) -> PolicySource {
    let mut b = LineBuilder::default();
    let mut bold_depth = 0usize;
    let mut skip: Option<String> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip.is_none() {
                b.push_text(&collapse(&decode_entities(rest)), bold_depth > 0);
            }
            break;
        };
        if lt > 0 && skip.is_none() {
            b.push_text(&collapse(&decode_entities(&rest[..lt])), bold_depth > 0);
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map(|e| &rest[e + 3..]).unwrap_or("");
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(s) = &skip {
            if closing && &name == s {
                skip = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" | "head" if !closing && !tag.ends_with('/') => skip = Some(name),
            "strong" | "b" => {
                if closing {
                    bold_depth = bold_depth.saturating_sub(1);
                } else {
                    bold_depth += 1;
                }
            }
            n if BLOCK_TAGS.contains(&n) => b.end_line(),
            "td" | "th" if closing => b.push_text(" ", false),
            _ => {}
        }
    }
    let mut src = b.finish();
    // Blank runs from nested blocks collapse to one blank line.
    src.lines.dedup_by(|a, b| a.text.is_empty() && b.text.is_empty());
    src
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == '\n' || c == '\r' || c == '\t' || c == ' ' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// Read `word/document.xml`: one line per `<w:p>`, bold where a run's properties hold
/// `<w:b/>` (not `w:val="0"`/`"false"`), `<w:tab/>` as a space, `<w:br/>` as a line break.
pub fn from_docx(bytes: &[u8]) -> Result<PolicySource, ConvertError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| ConvertError::BadDocx(e.to_string()))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|_| ConvertError::BadDocx("缺少 word/document.xml".into()))?
        .read_to_string(&mut xml)
        .map_err(|e| ConvertError::BadDocx(e.to_string()))?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut b = LineBuilder::default();
    let mut in_rpr = false;
    let mut run_bold = false;
    let mut in_text = false;
    loop {
        let ev = reader.read_event().map_err(|e| ConvertError::BadDocx(e.to_string()))?;
        match ev {
            Event::Start(e) => match e.name().0 {
                "w:r" => run_bold = false,
                "w:rPr" => in_rpr = true,
                "w:t" => in_text = true,
                "w:b" if in_rpr => run_bold = bold_on(&e),
                _ => {}
            },
            Event::Empty(e) => match e.name().0 {
                "w:b" if in_rpr => run_bold = bold_on(&e),
                "w:tab" => b.push_text(" ", false),
                "w:br" | "w:cr" => b.end_line(),
                _ => {}
            },
            Event::End(e) => match e.name().0 {
                "w:rPr" => in_rpr = false,
                "w:t" => in_text = false,
                "w:p" => b.end_line(),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let raw: &str = &t;
                b.push_text(&decode_entities(raw), run_bold);
            }
            Event::GeneralRef(r) if in_text => {
                let raw = format!("&{};", &*r);
                b.push_text(&decode_entities(&raw), run_bold);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(b.finish())
}

fn bold_on(e: &quick_xml::events::BytesStart) -> bool {
    for a in e.attributes().flatten() {
        if a.key.0 == "w:val" {
            return !matches!(&*a.value, "0" | "false" | "off");
        }
    }
    true
}

/// A minimal .docx (only `word/document.xml` and a content-types stub), one
/// paragraph per slice of (text, bold) runs: for tests and examples.
pub fn minimal_docx(paragraphs: &[&[(&str, bool)]]) -> Vec<u8> {
    let mut body = String::new();
    for p in paragraphs {
        body.push_str("<w:p>");
        for (t, bold) in *p {
            body.push_str("<w:r>");
            if *bold {
                body.push_str("<w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr>");
            } else {
                body.push_str("<w:rPr><w:b w:val=\"0\"/></w:rPr>");
            }
            body.push_str(&format!("<w:t xml:space=\"preserve\">{}</w:t></w:r>", t.replace('&', "&amp;")));
        }
        body.push_str("</w:p>");
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("[Content_Types].xml", opts).unwrap();
        std::io::Write::write_all(&mut z, b"<?xml version=\"1.0\"?><Types/>").unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        std::io::Write::write_all(&mut z, xml.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold_text(l: &SourceLine) -> Vec<&str> {
        l.bold.iter().map(|r| &l.text[r.clone()]).collect()
    }

    #[test]
    fn html_keeps_bold_and_lines() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <h2>一、完善机制</h2><p>（一）加强领导。内容&nbsp;很多。（责任单位：<strong>人社中心</strong>、教育和体育事业中心）</p>\
            <script>var a='<p>';</script><p>第二段 &amp; &#x4E00;</p></body></html>";
        let src = from_html(html);
        let texts: Vec<&str> = src.lines.iter().map(|l| l.text.as_str()).filter(|t| !t.is_empty()).collect();
        assert_eq!(texts, vec!["一、完善机制", "（一）加强领导。内容 很多。（责任单位：人社中心、教育和体育事业中心）", "第二段 & 一"]);
        let l = src.lines.iter().find(|l| l.text.starts_with("（一）")).unwrap();
        assert_eq!(bold_text(l), vec!["人社中心"]);
    }

    #[test]
    fn html_lead_from_bold_reaches_the_parser() {
        let html = "<p>一、总则</p><p>（一）做好培训。开展培训。（责任单位：教育和体育事业中心、<b>人社中心</b>）</p>";
        let parsed = zhijiao_domain::policy_parser::parse_policy(&from_html(html), &zhijiao_domain::policy_parser::identity_resolver);
        let m = parsed.measures().next().expect("a measure");
        assert_eq!(m.lead.as_deref(), Some("人社中心"));
        assert_eq!(m.co, vec!["教育和体育事业中心".to_string()]);
    }

    #[test]
    fn docx_paragraphs_and_bold_runs() {
        let bytes = minimal_docx(&[
            &[("一、完善机制", false)],
            &[("（一）加强领导。内容 & 更多。（责任单位：", false), ("教育", true), ("和体育事业中心", true), ("、人社中心）", false)],
        ]);
        let src = from_docx(&bytes).unwrap();
        assert_eq!(src.lines.len(), 2);
        assert_eq!(src.lines[1].text, "（一）加强领导。内容 & 更多。（责任单位：教育和体育事业中心、人社中心）");
        assert_eq!(bold_text(&src.lines[1]), vec!["教育和体育事业中心"]);
        let parsed = zhijiao_domain::policy_parser::parse_policy(&src, &zhijiao_domain::policy_parser::identity_resolver);
        let m = parsed.measures().next().unwrap();
        assert_eq!(m.lead.as_deref(), Some("教育和体育事业中心"));
        assert_eq!(m.co, vec!["人社中心".to_string()]);
    }

    #[test]
    fn not_a_docx_is_an_error() {
        assert!(matches!(from_docx(b"plain text"), Err(ConvertError::BadDocx(_))));
    }

    #[test]
    fn format_by_extension() {
        assert_eq!(Format::from_filename("a.DOCX"), Format::Docx);
        assert_eq!(Format::from_filename("a.htm"), Format::Html);
        assert_eq!(Format::from_filename("a.txt"), Format::Text);
    }
}
