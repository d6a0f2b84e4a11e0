/** What the page says about itself: how the article is keyed, grouped and shown. */
export interface ArticleMeta {
  /** Canonical URL (rel=canonical, og:url, or the location), without fragment or tracking parameters. */
  url: string;
  /** Where the reader actually was, normalised the same way (differs from `url` on syndicated/AMP pages). */
  location: string;
  title: string;
  site: string;
  byline: string | null;
  /** ISO 8601, or null when the page does not say. */
  published: string | null;
  lang: string;
}

/** JSON-LD larger than this is not article metadata: it is not parsed. */
const MAX_JSON_LD_CHARS = 200_000;
const TRACKING_PARAM = /^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$/i;

export function normaliseUrl(raw: string, base?: string): string | null {
  try {
    const url = new URL(raw, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    for (const key of [...url.searchParams.keys()]) {
      if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
    }
    return url.toString();
  } catch {
    return null;
  }
}

export function readMetadata(doc: Document, location: string): ArticleMeta {
  const here = normaliseUrl(location) ?? location;
  const ld = readJsonLd(doc);
  const meta = (selector: string) => doc.querySelector(selector)?.getAttribute('content')?.trim() || null;
  const canonicalHref = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href');
  const url =
    (canonicalHref && normaliseUrl(canonicalHref, location)) ||
    (meta('meta[property="og:url"]') && normaliseUrl(meta('meta[property="og:url"]') ?? '', location)) ||
    here;
  const host = safeHost(url) ?? safeHost(here) ?? '';
  const title =
    meta('meta[property="og:title"]') ??
    ld.headline ??
    doc.querySelector('h1')?.textContent?.trim() ??
    (doc.title.trim() || url);
  const site =
    meta('meta[property="og:site_name"]') ?? ld.publisher ?? meta('meta[name="application-name"]') ?? host;
  const byline =
    meta('meta[name="author"]') ??
    ld.author ??
    doc.querySelector('[rel="author"], [itemprop="author"]')?.textContent?.trim() ??
    null;
  const published = isoDate(
    meta('meta[property="article:published_time"]') ??
      ld.datePublished ??
      meta('meta[name="date"]') ??
      doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
      null,
  );
  const lang = (doc.documentElement.getAttribute('lang') ?? '').trim() || 'en';
  return { url, location: here, title: collapse(title), site: collapse(site), byline, published, lang };
}

interface JsonLdArticle {
  headline?: string;
  publisher?: string;
  author?: string;
  datePublished?: string;
}

function readJsonLd(doc: Document): JsonLdArticle {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const source = script.textContent ?? '';
    if (source.length > MAX_JSON_LD_CHARS) continue;
    let data: unknown;
    try {
      data = JSON.parse(source);
    } catch {
      continue;
    }
    const article = findArticleNode(data);
    if (article) {
      return {
        headline: stringOf(article.headline),
        publisher: nameOf(article.publisher),
        author: nameOf(Array.isArray(article.author) ? article.author[0] : article.author),
        datePublished: stringOf(article.datePublished),
      };
    }
  }
  return {};
}

const ARTICLE_TYPES =
  /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report)$/;

function findArticleNode(data: unknown, depth = 0): Record<string, unknown> | null {
  if (depth > 4 || typeof data !== 'object' || data === null) return null;
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findArticleNode(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = data as Record<string, unknown>;
  const type = record['@type'];
  const types = Array.isArray(type) ? type : [type];
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) return record;
  return findArticleNode(record['@graph'], depth + 1);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 500) : undefined;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return stringOf(value);
  if (typeof value === 'object' && value !== null) return stringOf((value as Record<string, unknown>).name);
  return undefined;
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
