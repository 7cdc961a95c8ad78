// An Atom 1.0 feed (RFC 4287) of TLP:CLEAR items, for feed readers and the CSIRTs' aggregators.

interface FeedItem {
  id: string;
  stixId: string;
  kind: string;
  title: string;
  createdAt: string;
  modifiedAt: string;
  author: { orgName: string } | null;
  advisory: { summary: string; severity: string; cveIds: string[] } | null;
  indicator: { type: string; value: string } | null;
  experienceReport: { attackType: string } | null;
}

const escapeXml = (s: string) =>
  // characters XML 1.0 does not allow at all are dropped
  s.replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "").replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

function summaryOf(item: FeedItem): string {
  if (item.advisory) return [item.advisory.severity.toUpperCase(), item.advisory.cveIds.join(", "), item.advisory.summary].filter(Boolean).join(" - ");
  if (item.indicator) return `${item.indicator.type}: ${item.indicator.value}`;
  return item.experienceReport?.attackType ?? "";
}

export function atomFeed(items: FeedItem[], options: { baseUrl: string; title: string; anonymousAuthor: string }): string {
  const base = options.baseUrl.replace(/\/$/, "");
  const updated = items.map((i) => i.modifiedAt).sort().at(-1) ?? new Date(0).toISOString();
  const entries = items.map(
    (item) => `  <entry>
    <id>urn:stix:${escapeXml(item.stixId)}</id>
    <title>${escapeXml(item.title)}</title>
    <published>${item.createdAt}</published>
    <updated>${item.modifiedAt}</updated>
    <author><name>${escapeXml(item.author?.orgName ?? options.anonymousAuthor)}</name></author>
    <category term="${escapeXml(item.kind)}"/>
    <link rel="alternate" type="application/json" href="${escapeXml(`${base}/api/public/intel/items/${item.id}`)}"/>
    <summary>${escapeXml(summaryOf(item))}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(`${base}/api/public/intel/feed.atom`)}</id>
  <title>${escapeXml(options.title)}</title>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${base}/api/public/intel/feed.atom`)}"/>
${entries.join("\n")}
</feed>
`;
}
