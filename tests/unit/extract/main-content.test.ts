import { describe, expect, it } from 'vitest';
import { findMainContent } from '../../../utils/extract/main-content.ts';
import { readMetadata } from '../../../utils/extract/metadata.ts';
import { TextMap } from '../../../utils/extract/text-map.ts';
import { articlePage, parseHtml } from '../html.ts';

const BODY = [
  'Meta is weighing a plan to rent its spare AI computing capacity to outside developers, according to people familiar with the matter.',
  'The company has no mature public cloud division, unlike Amazon, Microsoft and Google, which have sold computing time for years.',
  'Analysts said a buyer with surplus compute of its own may order fewer chips, and chip stocks fell sharply on the report.',
  'Others argued that renting out idle capacity between internal peaks is normal practice for any large infrastructure owner.',
];

describe('findMainContent', () => {
  it('finds the article body and leaves out nav, banners, comments and footer', () => {
    const doc = parseHtml(articlePage(BODY));
    const main = findMainContent(doc);
    expect(main.root).not.toBeNull();
    const text = TextMap.build(main.root as Element).text;
    for (const p of BODY) expect(text).toContain(p);
    expect(text).not.toMatch(/cookies|mark my words|Share on X|All rights reserved|Markets:|By A\. Reporter/);
  });

  it('climbs to the common container when ads split the body', () => {
    const html = articlePage([]).replace(
      '<div class="story-body"></div>',
      `<div class="story-body"><div class="part">${BODY.slice(0, 2)
        .map((p) => `<p>${p}</p>`)
        .join('')}</div>
       <div class="ad-slot">Advertisement</div>
       <div class="part">${BODY.slice(2)
         .map((p) => `<p>${p}</p>`)
         .join('')}</div></div>`,
    );
    const main = findMainContent(parseHtml(html));
    const text = TextMap.build(main.root as Element).text;
    for (const p of BODY) expect(text).toContain(p);
    expect(text).not.toContain('Advertisement');
  });

  it('takes a live blog whole when each entry is a container of its own', () => {
    // Entries that each look like "the content" (their class says entry) must not win one by one.
    const entries = BODY.map(
      (p, i) => `<section class="ps-entry"><time>${10 + i}:00</time><p>${p}</p></section>`,
    ).join('');
    const html = articlePage([]).replace(
      '<div class="story-body"></div>',
      `<div class="ps-stream">${entries}</div>`,
    );
    const main = findMainContent(parseHtml(html));
    expect(main.root).not.toBeNull();
    const text = TextMap.build(main.root as Element).text;
    for (const p of BODY) expect(text).toContain(p);
  });

  it('says a front page of links is not an article', () => {
    const links = Array.from(
      { length: 30 },
      (_, i) =>
        `<li><a href="/a${i}">Headline number ${i} about chips, compute and the glut that may or may not come</a></li>`,
    ).join('');
    const main = findMainContent(parseHtml(`<body><ul>${links}</ul></body>`));
    expect(main.root).toBeNull();
  });

  it('says a short page is not an article', () => {
    const main = findMainContent(
      parseHtml('<body><p>Sign in to continue to your account and settings page.</p></body>'),
    );
    expect(main).toMatchObject({ root: null });
  });
});

describe('readMetadata', () => {
  it('reads canonical URL, site, title, byline, date and language from meta tags and JSON-LD', () => {
    const doc = parseHtml(`<html lang="en-GB"><head>
      <link rel="canonical" href="/markets/meta-cloud?utm_source=x#top">
      <meta property="og:title" content="Meta eyes cloud">
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",
        "headline":"Ignored","datePublished":"2026-07-15T14:05:00+01:00","author":[{"name":"Jo Bloggs"}],
        "publisher":{"name":"The Ledger"}}]}</script></head><body><h1>H</h1></body></html>`);
    expect(readMetadata(doc, 'https://ledger.example/amp/meta-cloud?fbclid=1')).toEqual({
      url: 'https://ledger.example/markets/meta-cloud',
      location: 'https://ledger.example/amp/meta-cloud',
      title: 'Meta eyes cloud',
      site: 'The Ledger',
      byline: 'Jo Bloggs',
      published: '2026-07-15T13:05:00.000Z',
      lang: 'en-GB',
    });
  });

  it('falls back to the location, the host and the heading, and survives broken JSON-LD', () => {
    const doc = parseHtml(
      `<head><script type="application/ld+json">{broken</script></head><body><h1> A  heading </h1><time datetime="not a date">x</time></body>`,
    );
    expect(readMetadata(doc, 'https://site.example/p')).toMatchObject({
      url: 'https://site.example/p',
      site: 'site.example',
      title: 'A heading',
      published: null,
      lang: 'en',
    });
  });

  it('refuses a canonical link to another scheme', () => {
    const doc = parseHtml(`<head><link rel="canonical" href="javascript:alert(1)"></head><body></body>`);
    expect(readMetadata(doc, 'https://site.example/p').url).toBe('https://site.example/p');
  });
});

describe('findMainContent in other scripts', () => {
  it('finds a Chinese article, whose paragraphs hold fewer but denser characters', () => {
    const paragraphs = [
      'Meta计划将其闲置的人工智能算力出租给外部开发者，此消息一出，费城半导体指数下跌超过百分之六。',
      '腾讯高管表示，公司的算力仍然不足以满足内部和外部的需求，阿里巴巴和字节跳动也上调了资本开支目标。',
      '分析人士认为，租出空闲算力是基础设施运营中的常见做法，并不意味着需求正在降温。',
      '也有投资者担心，拥有大量闲置图形处理器的买家未来会减少芯片采购，硬件估值可能面临重估。',
    ];
    const doc = parseHtml(articlePage(paragraphs).replace('lang="en"', 'lang="zh"'));
    const main = findMainContent(doc);
    expect(main.root).not.toBeNull();
    const text = TextMap.build(main.root as Element).text;
    for (const p of paragraphs) expect(text).toContain(p);
  });

  it('finds a right-to-left article and keeps its text in reading order', () => {
    const paragraphs = [
      'أعلنت ميتا أنها ستؤجر قدرات الحوسبة الفائضة لديها للمطورين من خارج الشركة، وفق تقرير تلفزيوني يوم الأربعاء.',
      'قال محللون إن الخطة قد تعني أن الشركة اشترت رقائق أكثر مما تحتاج، وإنها ستشتري عددا أقل في العام المقبل.',
      'في المقابل، قالت تينسنت إن قدرتها الحاسوبية لا تزال غير كافية لتلبية الطلب الداخلي والخارجي على حد سواء.',
      'وتراجع مؤشر أشباه الموصلات في فيلادلفيا بأكثر من ستة في المئة بعد انتشار التقرير في الأسواق الأمريكية.',
    ];
    const doc = parseHtml(articlePage(paragraphs).replace('lang="en"', 'lang="ar" dir="rtl"'));
    const main = findMainContent(doc);
    expect(main.root).not.toBeNull();
    expect(TextMap.build(main.root as Element).text.split('\n\n')).toEqual(paragraphs);
  });
});
