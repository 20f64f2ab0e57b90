import type { ChainReport } from '@orch/event-store';

/** The human form of a chain report: one verdict line, then the broken link if there is one. */
export function chainReportLines(report: ChainReport): string[] {
  const lines = [
    `${report.ok ? 'OK' : 'BROKEN'}: ${report.checked} event(s) in ${report.streams} stream(s) checked, ${report.broken} broken link(s)`,
  ];
  if (report.head) lines.push(`head: revision ${report.head.revision} hash ${report.head.hash}`);
  if (report.anchored.length > 0) lines.push(`anchored past revision 0 (truncated): ${report.anchored.join(', ')}`);
  const broken = report.firstBroken;
  if (broken) {
    lines.push(
      `first broken link: ${broken.streamName}@${broken.revision} event ${broken.eventId} (position ${broken.position}): ${broken.problem}`,
      `  expected ${broken.expected ?? 'null'}`,
      `  found    ${broken.found ?? 'null'}`,
    );
  }
  return lines;
}
