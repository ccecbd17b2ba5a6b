//! HTML pages → article text: the title and the article's paragraphs, boilerplate (navigation,
//! scripts, footers, asides) dropped. The extracted text is the document text that spans index.

use scraper::{ElementRef, Html, Selector};

/// What an HTML page yields.
pub struct HtmlArticle {
    pub title: Option<String>,
    pub text: String,
    pub published: Option<String>,
}

fn sel(s: &str) -> Selector {
    // The selectors below are constant and valid.
    Selector::parse(s).unwrap_or_else(|_| Selector::parse("p").expect("static selector"))
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn inside_boilerplate(e: &ElementRef) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let n = a.value().name();
        let class = a.value().attr("class").unwrap_or("").to_ascii_lowercase();
        matches!(
            n,
            "nav" | "footer" | "aside" | "script" | "style" | "noscript" | "form" | "header"
        ) || [
            "share",
            "related",
            "comment",
            "footer",
            "sidebar",
            "menu",
            "advert",
            "promo",
            "newsletter",
        ]
        .iter()
        .any(|k| class.contains(k))
    })
}

/// Extract the article from an HTML page.
pub fn extract(html: &str) -> HtmlArticle {
    let doc = Html::parse_document(html);
    let title = doc
        .select(&sel("meta[property='og:title']"))
        .filter_map(|m| m.value().attr("content"))
        .map(clean)
        .find(|t| !t.is_empty())
        .or_else(|| {
            doc.select(&sel("h1"))
                .map(|h| clean(&h.text().collect::<String>()))
                .find(|t| !t.is_empty())
        })
        .or_else(|| {
            doc.select(&sel("title"))
                .map(|h| clean(&h.text().collect::<String>()))
                .find(|t| !t.is_empty())
        });
    let published = doc
        .select(&sel(
            "meta[property='article:published_time'], meta[name='date'], meta[name='pubdate']",
        ))
        .filter_map(|m| m.value().attr("content"))
        .map(|s| s.trim().to_string())
        .next()
        .or_else(|| {
            doc.select(&sel("time[datetime]"))
                .filter_map(|t| t.value().attr("datetime"))
                .map(|s| s.to_string())
                .next()
        });
    // Prefer paragraphs inside <article> or <main>; else every paragraph outside boilerplate.
    let scoped: Vec<String> = doc
        .select(&sel("article p, main p"))
        .filter(|p| !inside_boilerplate(p))
        .map(|p| clean(&p.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .collect();
    let paras = if scoped.is_empty() {
        doc.select(&sel("p"))
            .filter(|p| !inside_boilerplate(p))
            .map(|p| clean(&p.text().collect::<String>()))
            .filter(|t| t.split_whitespace().count() >= 4)
            .collect()
    } else {
        scoped
    };
    let mut text = String::new();
    if let Some(t) = &title {
        text.push_str(t);
        text.push_str("\n\n");
    }
    text.push_str(&paras.join("\n\n"));
    HtmlArticle {
        title,
        text,
        published,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_article_drops_boilerplate() {
        let h = r#"<html><head><title>T</title><meta property="article:published_time" content="2017-04-19"></head>
        <body><nav><p>Home News Sport Weather</p></nav><article><h1>Clashes in Idlib</h1>
        <p>Rebels   clashed with government forces.</p><div class="share"><p>Share this on Twitter now</p></div>
        <p>Five people were killed.</p></article><footer><p>Copyright 2017 all rights reserved</p></footer></body></html>"#;
        let a = super::extract(h);
        assert_eq!(a.title.as_deref(), Some("Clashes in Idlib"));
        assert_eq!(a.text, "Clashes in Idlib\n\nRebels clashed with government forces.\n\nFive people were killed.");
        assert_eq!(a.published.as_deref(), Some("2017-04-19"));
    }
}
